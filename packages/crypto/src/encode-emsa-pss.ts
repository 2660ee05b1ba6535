import { concatBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { getHashAlgorithm, type HashAlgorithm } from './hash-algorithms.js';
import { mgf1 } from './mgf1.js';

/** Input of `encodeEmsaPss`. */
export interface EncodeEmsaPssInput {
  /** mHash: the digest of the message under `algorithm`. */
  digest: Uint8Array;
  /** The hash, also used by MGF1. */
  algorithm: HashAlgorithm;
  /** emBits = modulus bits − 1. */
  emBits: number;
  /** The salt, injected by the caller (the protocol uses the hash length). */
  salt: Uint8Array;
}

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with MGF1 over the same hash and trailer 0xbc. Returns `ceil(emBits/8)`
 * bytes. Throws CryptoError('INVALID_ARGUMENT') for a wrong digest length or an `emBits` too small for the
 * digest and salt, 'UNSUPPORTED_ALGORITHM' for an unknown hash.
 */
export function encodeEmsaPss({ digest, algorithm, emBits, salt }: EncodeEmsaPssInput): Uint8Array {
  const hash = getHashAlgorithm(algorithm);
  const hLen = hash.outputLength;
  if (!(digest instanceof Uint8Array) || digest.length !== hLen) {
    throw new CryptoError('INVALID_ARGUMENT', `A ${hash.name} digest is ${hLen} bytes long.`);
  }
  if (!(salt instanceof Uint8Array)) throw new CryptoError('INVALID_ARGUMENT', 'The salt must be bytes.');
  const emLen = Math.ceil(emBits / 8);
  if (!Number.isSafeInteger(emBits) || emBits < 1 || emLen < hLen + salt.length + 2) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus is too short for this hash and salt length.');
  }
  const h = hash.hash(concatBytes(new Uint8Array(8), digest, salt));
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >>> (8 * emLen - emBits);
  return concatBytes(db, h, Uint8Array.of(0xbc));
}
