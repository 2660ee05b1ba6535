/** Every way the certificate authority refuses a request or fails; `code` is stable, `message` is for people. */
export type CaErrorCode =
  | 'CA_NOT_INITIALISED'
  | 'CA_ALREADY_INITIALISED'
  | 'CA_NOT_FOUND'
  | 'CERTIFICATE_NOT_FOUND'
  | 'INVALID_SERIAL'
  | 'UNSUPPORTED_REVOCATION_REASON'
  | 'SERIAL_EXISTS'
  | 'KEY_BACKEND_MISMATCH'
  | 'HSM_MODULE_UNAVAILABLE'
  | 'HSM_TOKEN_NOT_FOUND'
  | 'HSM_LOGIN_FAILED'
  | 'HSM_KEY_NOT_FOUND'
  | 'HSM_OPERATION_FAILED'
  | 'KEY_SELF_TEST_FAILED'
  | 'STORE_CORRUPT'
  | 'STORE_LOCKED';

/** An error of the CA module. Secrets (the HSM PIN) never reach `message`. */
export class CaError extends Error {
  override readonly name = 'CaError';

  constructor(
    readonly code: CaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
