import { RpClientError, type RpClientErrorCode } from './rp-client-error.js';

/** How the client reaches the server; `fetch` is injectable for tests and proxies. */
export interface RpApiTransport {
  /** The server's base URL without the API version, e.g. `https://tessera.example`. */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** Upper bound for one request that is not a long poll. */
  readonly requestTimeoutMs: number;
}

/** A v3 problem's `errors[0].code` that names an account condition (spec §1). */
const PROBLEM_CODES: Readonly<Record<string, RpClientErrorCode>> = {
  NO_SUITABLE_ACCOUNT_FOUND: 'NO_SUITABLE_ACCOUNT',
  PERSON_SHOULD_VIEW_APP_OR_PORTAL: 'PERSON_SHOULD_VIEW_APP_OR_PORTAL',
};

function errorOf(status: number, path: string, body: unknown): RpClientError {
  const problem = (body ?? {}) as { detail?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  const said = typeof problem.detail === 'string' ? problem.detail : problem.message;
  const detail = typeof said === 'string' ? ` The server said: ${said}.` : '';
  const code = ((): RpClientErrorCode => {
    switch (status) {
      case 400:
        return 'INVALID_REQUEST';
      case 401:
        return 'RELYING_PARTY_UNAUTHORIZED';
      case 403:
        return 'RELYING_PARTY_FORBIDDEN';
      case 404: {
        const problemCode = problem.errors?.[0]?.code;
        if (typeof problemCode === 'string' && PROBLEM_CODES[problemCode]) return PROBLEM_CODES[problemCode];
        return /\/session\//.test(path) ? 'SESSION_NOT_FOUND' : 'ACCOUNT_NOT_FOUND';
      }
      case 471:
        return 'NO_SUITABLE_ACCOUNT';
      case 472:
        return 'PERSON_SHOULD_VIEW_APP_OR_PORTAL';
      case 480:
        return 'CLIENT_TOO_OLD';
      case 580:
        return 'UNDER_MAINTENANCE';
      default:
        return 'SERVER_ERROR';
    }
  })();
  const what: Record<RpClientErrorCode, string> = {
    INVALID_ARGUMENT: 'The request is invalid',
    INVALID_REQUEST: 'The server refused the request as invalid',
    RELYING_PARTY_UNAUTHORIZED: 'The server did not recognise this relying party',
    RELYING_PARTY_FORBIDDEN: 'This relying party is not allowed to make this request',
    ACCOUNT_NOT_FOUND: 'The person has no suitable account',
    NO_SUITABLE_ACCOUNT: 'The person has no account of the requested level, only others',
    PERSON_SHOULD_VIEW_APP_OR_PORTAL: 'The person must open the app or the self-service portal first',
    SESSION_NOT_FOUND: 'The session does not exist or has expired',
    CLIENT_TOO_OLD: 'The server says this client is too old',
    UNDER_MAINTENANCE: 'The server is under maintenance; retry later',
    SERVER_ERROR: 'The server failed',
    UNREACHABLE: 'The server cannot be reached',
    MALFORMED_RESPONSE: 'The server answered something unreadable',
    RESPONSE_REJECTED: 'The response was rejected',
    CERTIFICATE_REVOKED: 'The certificate is revoked',
    CALLBACK_REJECTED: 'The callback was rejected',
  };
  return new RpClientError(code, `${what[code]} (HTTP ${status} on ${path}).${detail}`, { status });
}

/** A signal that aborts when `outer` does or `timeoutMs` passes. */
function withTimeout(outer: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return outer === undefined ? timeout : AbortSignal.any([outer, timeout]);
}

/**
 * One RP API call: JSON in, JSON out, every HTTP refusal turned into an `RpClientError` with the code the status
 * (and a v3 problem's `errors[0].code`) means. Aborting `signal` rejects with the signal's reason, unchanged.
 */
export async function callRpApi(
  transport: RpApiTransport,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown; timeoutMs?: number; signal?: AbortSignal },
): Promise<unknown> {
  const url = `${transport.baseUrl}${request.path}`;
  const signal = withTimeout(request.signal, request.timeoutMs ?? transport.requestTimeoutMs);
  let response: Response;
  try {
    response = await transport.fetch(url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason;
    const timedOut = signal.aborted;
    throw new RpClientError(
      'UNREACHABLE',
      timedOut
        ? `The server at ${transport.baseUrl} did not answer ${request.path} in time.`
        : `The server at ${transport.baseUrl} cannot be reached.`,
      { cause },
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason;
    throw new RpClientError('UNREACHABLE', `The answer to ${request.path} broke off.`, { cause });
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
    if (response.ok) {
      throw new RpClientError('MALFORMED_RESPONSE', `The answer to ${request.path} is not JSON.`, {
        status: response.status,
      });
    }
  }
  if (!response.ok) throw errorOf(response.status, request.path, body);
  return body;
}
