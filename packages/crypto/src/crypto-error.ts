/** Every way a crypto operation can refuse its input. Expected outcomes (a wrong PIN) are values, not errors. */
export type CryptoErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_MODULUS'
  | 'WEAK_MODULUS'
  | 'ENCODING_MISMATCH'
  | 'UNSUPPORTED_ALGORITHM'
  | 'MALFORMED_CIPHERTEXT'
  | 'MODEXP_SELF_TEST_FAILED'
  | 'INVALID_PIN_FORMAT'
  | 'INVALID_PARTIAL_SIGNATURE';

/** A refused input or a broken contract in @tessera/crypto; `code` is stable, `message` is for people. */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';

  constructor(
    readonly code: CryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
