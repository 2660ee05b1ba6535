import { CryptoError } from './crypto-error.js';
import type { SignatureEncoding } from './encode-message.js';
import type { HashAlgorithm } from './hash-algorithms.js';
import { verifyEmsaPkcs1v15 } from './verify-emsa-pkcs1v15.js';
import { verifyEmsaPss } from './verify-emsa-pss.js';

/** What the verifier expects EM to encode: taken from what it displays, never read out of EM. */
export interface ExpectedEncoding {
  encoding: SignatureEncoding;
  algorithm: HashAlgorithm;
  /** The digest the verifier computed itself. */
  digest: Uint8Array;
}

/** Input of `verifyEncodedMessage`. */
export interface VerifyEncodedMessageInput {
  /** EM as produced by `encodeMessage`: exactly `ceil(modulusBits / 8)` bytes. */
  encodedMessage: Uint8Array;
  /** The bit length of the RSA modulus. */
  modulusBits: number;
  expected: ExpectedEncoding;
}

/**
 * Checks that EM encodes exactly the expected digest under the expected encoding and hash (PKCS#1 v1.5:
 * rebuild and compare; PSS: EMSA-PSS-VERIFY with salt length = hash length). Throws
 * CryptoError('ENCODING_MISMATCH') otherwise; 'INVALID_ARGUMENT' / 'UNSUPPORTED_ALGORITHM' for bad input.
 */
export function verifyEncodedMessage({
  encodedMessage,
  modulusBits,
  expected,
}: VerifyEncodedMessageInput): void {
  if (!Number.isSafeInteger(modulusBits) || modulusBits < 2) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus bit length must be a positive integer.');
  }
  const k = Math.ceil(modulusBits / 8);
  if (!(encodedMessage instanceof Uint8Array) || encodedMessage.length !== k) {
    throw new CryptoError('ENCODING_MISMATCH', `The encoded message must be ${k} bytes long.`);
  }
  const { encoding, algorithm, digest } = expected;
  if (encoding === 'pkcs1-v1_5') {
    verifyEmsaPkcs1v15(encodedMessage, digest, algorithm);
    return;
  }
  if (encoding === 'pss') {
    const emBits = modulusBits - 1;
    const emLen = Math.ceil(emBits / 8);
    // A k-byte EM for a (k−1)-byte emLen must start with the zero byte encodeMessage added.
    if (emLen < k && encodedMessage[0] !== 0) {
      throw new CryptoError(
        'ENCODING_MISMATCH',
        'The encoded message is not a PSS encoding of the expected digest.',
      );
    }
    verifyEmsaPss({ encodedMessage: encodedMessage.subarray(k - emLen), digest, algorithm, emBits });
    return;
  }
  throw new CryptoError('UNSUPPORTED_ALGORITHM', 'The signature encoding is not supported.');
}
