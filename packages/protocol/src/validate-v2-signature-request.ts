import { readV2HashRequest } from './read-v2-hash-request.js';
import type { V2SignatureRequest } from './rp-api-v2-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of `POST /v2/signature/…`; throws `INVALID_REQUEST` listing every offending field. */
export function validateV2SignatureRequest(body: unknown): V2SignatureRequest {
  return readV2HashRequest(body, SIGNING_CERTIFICATE_LEVELS);
}
