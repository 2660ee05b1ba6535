/**
 * Every way @tessera/pki can refuse its input or a contract. Expected outcomes (a certificate that is revoked, a
 * chain that does not validate) are values, not errors.
 */
export type PkiErrorCode =
  | 'INVALID_ARGUMENT'
  | 'MALFORMED_PEM'
  | 'MALFORMED_CERTIFICATE'
  | 'MALFORMED_CSR'
  | 'MALFORMED_OCSP_REQUEST'
  | 'OCSP_RESPONSE_REJECTED'
  | 'MALFORMED_PUBLIC_KEY'
  | 'CSR_SIGNATURE_INVALID'
  | 'UNSUPPORTED_ALGORITHM'
  | 'UNSUPPORTED_KEY'
  | 'WRONG_KEY_SIZE'
  | 'INVALID_SUBJECT'
  | 'INVALID_VALIDITY'
  | 'SIGNER_MISMATCH';

/** A refused input or a broken contract in @tessera/pki; `code` is stable, `message` is for people. */
export class PkiError extends Error {
  override readonly name = 'PkiError';

  constructor(
    readonly code: PkiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
