/** Every way @tessera/protocol refuses its input. Expected outcomes (an unsupported interaction) are values. */
export type ProtocolErrorCode =
  /** A builder was called with arguments that break its contract (a `|` in a payload field, bad Base64). */
  | 'INVALID_ARGUMENT'
  /** A device link is not a canonical version 1.0 link. */
  | 'MALFORMED_DEVICE_LINK'
  /** A well-formed device link does not belong to the session it was checked against. */
  | 'DEVICE_LINK_MISMATCH'
  /** A device link's authCode is not the HMAC the session's secret gives. */
  | 'AUTH_CODE_MISMATCH'
  /** A QR device link's `elapsedSeconds` is outside the freshness window. */
  | 'DEVICE_LINK_NOT_FRESH'
  /** A callback URL lacks its parameters or carries malformed ones. */
  | 'MALFORMED_CALLBACK_URL'
  /** A callback URL's `sessionSecretDigest` or `userChallengeVerifier` does not match the session. */
  | 'CALLBACK_MISMATCH'
  /** An interactions list (decoded or not) breaks the rules of the RP API. */
  | 'INVALID_INTERACTIONS'
  | 'MALFORMED_SEMANTICS_IDENTIFIER'
  | 'MALFORMED_DOCUMENT_NUMBER'
  /** A request body, path or query parameter breaks the RP API contract; `issues` lists every offending field. */
  | 'INVALID_REQUEST'
  /** A response body breaks the RP API contract; `issues` lists every offending field. */
  | 'INVALID_RESPONSE'
  | 'UNSUPPORTED_ALGORITHM'
  /** The injected random source kept returning unusable bytes (it is broken, not unlucky). */
  | 'RANDOM_SOURCE_FAILURE'
  /** A device request lacks its authentication headers or carries malformed ones. */
  | 'MALFORMED_DEVICE_REQUEST'
  /** A device request's signature does not verify under the device's registered key. */
  | 'DEVICE_REQUEST_SIGNATURE_INVALID'
  /** A device request's timestamp is outside the allowed clock skew. */
  | 'DEVICE_REQUEST_NOT_FRESH'
  /** A device request's nonce was seen before. */
  | 'DEVICE_REQUEST_REPLAYED';

/** Why a field was refused. */
export type ValidationIssueReason = 'MISSING' | 'INVALID' | 'NOT_ALLOWED';

/**
 * One offending field. `pointer` is an RFC 6901 JSON pointer into the checked body (absent for query and
 * path parameters) and `paramName` the field's name, as in the RP API's RFC 9457 `errors[]`. `detail` never
 * repeats the field's value.
 */
export interface ValidationIssue {
  readonly pointer?: string;
  readonly paramName: string;
  readonly reason: ValidationIssueReason;
  readonly detail: string;
}

/** A refused input or a broken contract in @tessera/protocol; `code` is stable, `message` is for people. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  /** The offending fields, for `INVALID_REQUEST`, `INVALID_RESPONSE` and `INVALID_INTERACTIONS`; else empty. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: readonly ValidationIssue[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.issues = options?.issues ?? [];
  }
}
