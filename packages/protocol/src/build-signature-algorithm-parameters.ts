import {
  HASH_ALGORITHM_NAMES,
  type HashAlgorithm,
  hashOctetLength,
  MGF1_ALGORITHM,
  PSS_TRAILER_FIELD,
} from './algorithms.js';
import { ProtocolError } from './protocol-error.js';

/** The full PSS parameters object a v3 session status response carries for `rsassa-pss` (spec §3). */
export interface PssSignatureAlgorithmParameters {
  hashAlgorithm: HashAlgorithm;
  maskGenAlgorithm: { algorithm: typeof MGF1_ALGORITHM; parameters: { hashAlgorithm: HashAlgorithm } };
  saltLength: number;
  trailerField: typeof PSS_TRAILER_FIELD;
}

/** The response `signatureAlgorithmParameters` for PSS with `hashAlgorithm`: MGF1 with the same hash, salt = hash length. */
export function buildSignatureAlgorithmParameters(
  hashAlgorithm: HashAlgorithm,
): PssSignatureAlgorithmParameters {
  if (!HASH_ALGORITHM_NAMES.includes(hashAlgorithm)) {
    throw new ProtocolError('UNSUPPORTED_ALGORITHM', 'Unknown hash algorithm.');
  }
  return {
    hashAlgorithm,
    maskGenAlgorithm: { algorithm: MGF1_ALGORITHM, parameters: { hashAlgorithm } },
    saltLength: hashOctetLength(hashAlgorithm),
    trailerField: PSS_TRAILER_FIELD,
  };
}
