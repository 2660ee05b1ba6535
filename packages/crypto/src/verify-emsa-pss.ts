import { concatBytes } from './bytes.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { CryptoError } from './crypto-error.js';
import { getHashAlgorithm, type HashAlgorithm } from './hash-algorithms.js';
import { mgf1 } from './mgf1.js';

/** Input of `verifyEmsaPss`. */
export interface VerifyEmsaPssInput {
  /** EM: `ceil(emBits/8)` bytes. */
  encodedMessage: Uint8Array;
  /** The digest the caller expects EM to encode (mHash). */
  digest: Uint8Array;
  algorithm: HashAlgorithm;
  /** emBits = modulus bits − 1. */
  emBits: number;
  /** Expected salt length in bytes; the hash length by default. */
  saltLength?: number;
}

/**
 * EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with MGF1 over the same hash and trailer 0xbc. Throws
 * CryptoError('ENCODING_MISMATCH') when EM is not a PSS encoding of `digest` with that salt length;
 * 'INVALID_ARGUMENT' for a wrong digest length, 'UNSUPPORTED_ALGORITHM' for an unknown hash.
 */
export function verifyEmsaPss({
  encodedMessage: em,
  digest,
  algorithm,
  emBits,
  saltLength,
}: VerifyEmsaPssInput): void {
  const hash = getHashAlgorithm(algorithm);
  const hLen = hash.outputLength;
  const sLen = saltLength ?? hLen;
  if (!(digest instanceof Uint8Array) || digest.length !== hLen) {
    throw new CryptoError('INVALID_ARGUMENT', `A ${hash.name} digest is ${hLen} bytes long.`);
  }
  if (!Number.isSafeInteger(emBits) || emBits < 1 || !Number.isSafeInteger(sLen) || sLen < 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'emBits and the salt length must be non-negative integers.');
  }
  const mismatch = () =>
    new CryptoError('ENCODING_MISMATCH', 'The encoded message is not a PSS encoding of the expected digest.');
  const emLen = Math.ceil(emBits / 8);
  if (!(em instanceof Uint8Array) || em.length !== emLen || emLen < hLen + sLen + 2) throw mismatch();
  if (em[emLen - 1] !== 0xbc) throw mismatch();
  const topMask = 0xff >>> (8 * emLen - emBits); // the bits of the first byte that belong to emBits
  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  if ((maskedDb[0]! & ~topMask) !== 0) throw mismatch();
  const db = mgf1(hash, h, maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= maskedDb[i]!;
  db[0]! &= topMask;
  const separator = emLen - hLen - sLen - 2; // DB = PS (zeros) ‖ 0x01 ‖ salt
  let bad = db[separator]! ^ 0x01;
  for (let i = 0; i < separator; i++) bad |= db[i]!;
  if (bad !== 0) throw mismatch();
  const salt = db.subarray(db.length - sLen);
  const expected = hash.hash(concatBytes(new Uint8Array(8), digest, salt));
  if (!constantTimeEqual(h, expected)) throw mismatch();
}
