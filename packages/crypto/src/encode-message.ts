import { concatBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { encodeEmsaPkcs1v15 } from './encode-emsa-pkcs1v15.js';
import { encodeEmsaPss } from './encode-emsa-pss.js';
import { getHashAlgorithm, type HashAlgorithm } from './hash-algorithms.js';

/** The two RSA signature encodings: RSASSA-PKCS1-v1_5 and RSASSA-PSS (MGF1 with the same hash, trailer 0xbc). */
export type SignatureEncoding = 'pkcs1-v1_5' | 'pss';

/** Input of `encodeMessage`. */
export interface EncodeMessageInput {
  encoding: SignatureEncoding;
  algorithm: HashAlgorithm;
  /** The digest to sign (for PSS: mHash). */
  digest: Uint8Array;
  /** The bit length of the RSA modulus. */
  modulusBits: number;
  /** PSS only: the salt, exactly as long as the hash output (the protocol's fixed salt length). */
  salt?: Uint8Array;
}

/**
 * The encoded message EM that both parties exponentiate, as the integer OS2IP(EM) written in exactly
 * `ceil(modulusBits / 8)` bytes (for PSS whose emLen is one byte shorter, a leading zero byte is added).
 * Throws CryptoError('INVALID_ARGUMENT') for a wrong digest or salt, 'UNSUPPORTED_ALGORITHM' otherwise.
 */
export function encodeMessage({
  encoding,
  algorithm,
  digest,
  modulusBits,
  salt,
}: EncodeMessageInput): Uint8Array {
  if (!Number.isSafeInteger(modulusBits) || modulusBits < 2) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus bit length must be a positive integer.');
  }
  const k = Math.ceil(modulusBits / 8);
  if (encoding === 'pkcs1-v1_5') {
    if (salt !== undefined) throw new CryptoError('INVALID_ARGUMENT', 'PKCS#1 v1.5 encoding takes no salt.');
    return encodeEmsaPkcs1v15(digest, algorithm, k);
  }
  if (encoding === 'pss') {
    const hLen = getHashAlgorithm(algorithm).outputLength;
    if (!(salt instanceof Uint8Array) || salt.length !== hLen) {
      throw new CryptoError('INVALID_ARGUMENT', `A ${algorithm} PSS salt is ${hLen} bytes long.`);
    }
    const em = encodeEmsaPss({ digest, algorithm, emBits: modulusBits - 1, salt });
    return em.length === k ? em : concatBytes(new Uint8Array(k - em.length), em);
  }
  throw new CryptoError('UNSUPPORTED_ALGORITHM', 'The signature encoding is not supported.');
}
