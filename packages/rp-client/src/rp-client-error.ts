/**
 * Who must act on a failure: the person (refused, timed out, chose the wrong code), the person's account (none
 * suitable, unusable, must be looked at in the app), or the integration (the relying party's configuration or
 * code, or the identity server and the network between them).
 */
export type Actor = 'user' | 'account' | 'integration';

/** Why a call threw. Outcomes the person causes are not errors: see `SessionOutcome`. */
export type RpClientErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_REQUEST'
  | 'RELYING_PARTY_UNAUTHORIZED'
  | 'RELYING_PARTY_FORBIDDEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'NO_SUITABLE_ACCOUNT'
  | 'PERSON_SHOULD_VIEW_APP_OR_PORTAL'
  | 'SESSION_NOT_FOUND'
  | 'CLIENT_TOO_OLD'
  | 'UNDER_MAINTENANCE'
  | 'SERVER_ERROR'
  | 'UNREACHABLE'
  | 'MALFORMED_RESPONSE'
  | 'RESPONSE_REJECTED'
  | 'CERTIFICATE_REVOKED'
  | 'CALLBACK_REJECTED';

/** Who acts on each code, in one table. */
export const RP_CLIENT_ERROR_ACTORS: { readonly [C in RpClientErrorCode]: Actor } = {
  INVALID_ARGUMENT: 'integration',
  INVALID_REQUEST: 'integration',
  RELYING_PARTY_UNAUTHORIZED: 'integration',
  RELYING_PARTY_FORBIDDEN: 'integration',
  ACCOUNT_NOT_FOUND: 'account',
  NO_SUITABLE_ACCOUNT: 'account',
  PERSON_SHOULD_VIEW_APP_OR_PORTAL: 'account',
  SESSION_NOT_FOUND: 'integration',
  CLIENT_TOO_OLD: 'integration',
  UNDER_MAINTENANCE: 'integration',
  SERVER_ERROR: 'integration',
  UNREACHABLE: 'integration',
  MALFORMED_RESPONSE: 'integration',
  RESPONSE_REJECTED: 'integration',
  CERTIFICATE_REVOKED: 'account',
  CALLBACK_REJECTED: 'integration',
};

/**
 * A call that could not give an outcome. `actor` says who must act; `status` is the HTTP status when the server
 * answered; the message is one sentence fit for a log. A response that fails validation (`RESPONSE_REJECTED`)
 * must never be taken as a login or a signature.
 */
export class RpClientError extends Error {
  override readonly name = 'RpClientError';
  readonly actor: Actor;

  constructor(
    readonly code: RpClientErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.actor = RP_CLIENT_ERROR_ACTORS[code];
    if (options.status !== undefined) this.status = options.status;
  }

  readonly status?: number;
}

/** Throws `RESPONSE_REJECTED` with `message`. */
export function reject(message: string): never {
  throw new RpClientError('RESPONSE_REJECTED', message);
}
