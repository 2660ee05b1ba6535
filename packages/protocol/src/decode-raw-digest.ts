import { HASH_ALGORITHM_NAMES, type HashAlgorithm, hashOctetLength } from './algorithms.js';
import { decodeBase64 } from './base64.js';
import { ProtocolError } from './protocol-error.js';

/**
 * The bytes of a RAW_DIGEST_SIGNATURE `digest` (spec §6.2): canonical standard Base64 of exactly the hash's
 * length. The app signs these bytes as they are (PSS mHash, or the digest inside a PKCS#1 v1.5 DigestInfo).
 */
export function decodeRawDigest(digest: string, hashAlgorithm: HashAlgorithm): Uint8Array {
  const bytes = decodeBase64(digest);
  if (!HASH_ALGORITHM_NAMES.includes(hashAlgorithm)) {
    throw new ProtocolError('UNSUPPORTED_ALGORITHM', 'Unknown hash algorithm.');
  }
  const length = hashOctetLength(hashAlgorithm);
  if (bytes === undefined || bytes.length !== length) {
    throw new ProtocolError('INVALID_ARGUMENT', `A ${hashAlgorithm} digest is Base64 of ${length} bytes.`);
  }
  return bytes;
}
