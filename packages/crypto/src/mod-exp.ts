/**
 * The modular-exponentiation port. Two-party signing needs `m^x mod n` with a secret exponent that is a
 * *share* of an RSA private exponent, which RSA key objects cannot use (their blinding assumes `e·d ≡ 1`), so
 * the arithmetic sits behind this small interface with interchangeable backends: pure BigInt everywhere, and
 * OpenSSL in Node (`@tessera/crypto/node`).
 */

/** One `(modulus, exponent)` pair made ready for repeated exponentiation; a backend may cache it. */
export interface ModExpContext {
  /** `base^exponent mod modulus` for `0 ≤ base < modulus`; throws CryptoError('INVALID_ARGUMENT') otherwise. */
  pow(base: bigint): bigint;
}

/** A modular-exponentiation backend. Implementations must agree bit for bit (see `selfTestModExp`). */
export interface ModExp {
  /** A short, stable name for logs and metrics (never includes operands). */
  readonly name: string;
  /**
   * Prepares `base ↦ base^exponent mod modulus`. Requires `modulus ≥ 2` and `exponent ≥ 0`; backends may
   * demand more (the OpenSSL backend needs an odd modulus of at least 512 bits) and throw
   * CryptoError('INVALID_ARGUMENT') for what they cannot do.
   */
  bind(modulus: bigint, exponent: bigint): ModExpContext;
}
