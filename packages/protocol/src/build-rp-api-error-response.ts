import type { ValidationIssue } from './protocol-error.js';
import { RP_API_ERRORS, type RpApiErrorCode } from './rp-api-errors.js';

/** One item of a v3 problem body's `errors[]`. */
export interface ProblemErrorDetail {
  code?: string;
  detail?: string;
  paramName?: string;
  pointer?: string;
}

/** The v3 (≥ 3.2) RFC 9457 error body, `ExtendedProblemDetailsJson`. */
export interface ProblemDetails {
  type: 'about:blank';
  status: number;
  title: string;
  detail: string;
  instance?: string;
  errors?: ProblemErrorDetail[];
}

/** The v2 (and legacy) error body: clients act on the status only. */
export interface V2ErrorBody {
  code: number;
  message: string;
}

/** How to render an RP API error. */
export interface RpApiErrorOptions {
  readonly apiVersion: 'v2' | 'v3';
  /** v3 only: answer "no suitable account" and "view the app" with 471/472 and a v2 body, as v3 ≤ 3.1 did. */
  readonly legacyStatuses?: boolean;
  /** For `INVALID_REQUEST` (and 403 on `requestProperties`): the offending fields. */
  readonly issues?: readonly ValidationIssue[];
  /** An opaque relative URI identifying this occurrence, e.g. a request id. */
  readonly instance?: string;
}

/**
 * The status and body for an RP API error: v3 gets RFC 9457 problem details with `errors[]` built from the
 * issues (detail, paramName, pointer) or the 404 `code`; v2 and legacy statuses get `{code, message}`. The
 * wording is fixed per code, so internal details never reach the wire.
 */
export function buildRpApiErrorResponse(
  code: RpApiErrorCode,
  options: RpApiErrorOptions,
): { status: number; body: ProblemDetails | V2ErrorBody } {
  const info = RP_API_ERRORS[code];
  const legacy = options.apiVersion === 'v2' || options.legacyStatuses === true;
  const status = legacy && info.legacyStatus !== undefined ? info.legacyStatus : info.status;
  if (options.apiVersion === 'v2' || status !== info.status) {
    return { status, body: { code: status, message: info.detail } };
  }
  const body: ProblemDetails = { type: 'about:blank', status, title: info.title, detail: info.detail };
  if (options.instance !== undefined) body.instance = options.instance;
  const errors: ProblemErrorDetail[] = (options.issues ?? []).map((issue) =>
    issue.pointer === undefined
      ? { detail: issue.detail, paramName: issue.paramName }
      : { detail: issue.detail, paramName: issue.paramName, pointer: issue.pointer },
  );
  if (info.problemCode !== undefined) errors.unshift({ code: info.problemCode, detail: info.detail });
  if (errors.length > 0) body.errors = errors;
  return { status, body };
}
