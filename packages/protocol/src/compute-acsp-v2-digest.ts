import { hashMessage } from '@tessera/crypto';
import type { HashAlgorithm } from './algorithms.js';
import { type AcspV2PayloadFields, buildAcspV2Payload } from './build-acsp-v2-payload.js';

/**
 * `H(ACSP_V2 payload)` with the request's hash algorithm: the mHash of the PSS signature (or the digest in a
 * PKCS#1 v1.5 DigestInfo) over the payload.
 */
export function computeAcspV2Digest(fields: AcspV2PayloadFields, hashAlgorithm: HashAlgorithm): Uint8Array {
  return hashMessage(hashAlgorithm, buildAcspV2Payload(fields));
}
