import { concatBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { getHashAlgorithm, type HashAlgorithm } from './hash-algorithms.js';

/**
 * EMSA-PKCS1-v1_5 (RFC 8017 §9.2) from a digest: `0x00 ‖ 0x01 ‖ 0xff… ‖ 0x00 ‖ DigestInfo(algorithm, digest)`,
 * exactly `emLength` bytes (the modulus length in bytes). Throws CryptoError('INVALID_ARGUMENT') if the digest
 * has the wrong length or `emLength` is too short, 'UNSUPPORTED_ALGORITHM' for an unknown hash.
 */
export function encodeEmsaPkcs1v15(
  digest: Uint8Array,
  algorithm: HashAlgorithm,
  emLength: number,
): Uint8Array {
  const hash = getHashAlgorithm(algorithm);
  if (!(digest instanceof Uint8Array) || digest.length !== hash.outputLength) {
    throw new CryptoError('INVALID_ARGUMENT', `A ${hash.name} digest is ${hash.outputLength} bytes long.`);
  }
  const t = concatBytes(hash.digestInfoPrefix, digest);
  if (!Number.isSafeInteger(emLength) || emLength < t.length + 11) {
    throw new CryptoError('INVALID_ARGUMENT', 'The intended encoded message length is too short.');
  }
  const em = new Uint8Array(emLength).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLength - t.length - 1] = 0x00;
  em.set(t, emLength - t.length);
  return em;
}
