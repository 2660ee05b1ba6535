import {
  type HashAlgorithm,
  hashOctetLength,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  type SignatureEncoding,
} from './algorithms.js';
import { ProtocolError } from './protocol-error.js';

/** What an RSA signer needs: the encoding, the hash, and (for PSS) the salt length. */
export interface SignatureScheme {
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly encoding: SignatureEncoding;
  readonly hashAlgorithm: HashAlgorithm;
  /** Salt length in bytes for PSS (always the hash length); 0 for PKCS#1 v1.5. */
  readonly saltLength: number;
}

/**
 * Resolves a `signatureAlgorithm` and its optional `signatureAlgorithmParameters.hashAlgorithm` to one scheme.
 * PSS needs the hash; a PKCS#1 v1.5 name implies it, and a given hash must then agree.
 */
export function resolveSignatureScheme(
  signatureAlgorithm: SignatureAlgorithm,
  hashAlgorithm?: HashAlgorithm,
): SignatureScheme {
  const info = Object.hasOwn(SIGNATURE_ALGORITHMS, signatureAlgorithm)
    ? SIGNATURE_ALGORITHMS[signatureAlgorithm]
    : undefined;
  if (info === undefined) throw new ProtocolError('UNSUPPORTED_ALGORITHM', 'Unknown signature algorithm.');
  const hash = hashAlgorithm ?? info.impliedHash;
  if (hash === undefined) {
    throw new ProtocolError('INVALID_ARGUMENT', `${signatureAlgorithm} needs a hash algorithm.`);
  }
  if (!info.allowedHashes.includes(hash)) {
    throw new ProtocolError('UNSUPPORTED_ALGORITHM', `${signatureAlgorithm} does not allow ${hash}.`);
  }
  return {
    signatureAlgorithm,
    encoding: info.encoding,
    hashAlgorithm: hash,
    saltLength: info.encoding === 'pss' ? hashOctetLength(hash) : 0,
  };
}
