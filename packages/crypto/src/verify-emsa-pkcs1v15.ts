import { constantTimeEqual } from './constant-time-equal.js';
import { CryptoError } from './crypto-error.js';
import { encodeEmsaPkcs1v15 } from './encode-emsa-pkcs1v15.js';
import type { HashAlgorithm } from './hash-algorithms.js';

/**
 * Checks that `encodedMessage` is exactly the EMSA-PKCS1-v1_5 encoding of `digest` under `algorithm`, by
 * rebuilding it at the same length and comparing in constant time (no parsing, so no parser to fool).
 * Throws CryptoError('ENCODING_MISMATCH') if not.
 */
export function verifyEmsaPkcs1v15(
  encodedMessage: Uint8Array,
  digest: Uint8Array,
  algorithm: HashAlgorithm,
): void {
  const expected = encodeEmsaPkcs1v15(digest, algorithm, encodedMessage.length);
  if (!constantTimeEqual(encodedMessage, expected)) {
    throw new CryptoError('ENCODING_MISMATCH', 'The encoded message does not encode the expected digest.');
  }
}
