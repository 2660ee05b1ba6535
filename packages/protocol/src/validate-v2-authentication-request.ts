import { readV2HashRequest } from './read-v2-hash-request.js';
import type { V2AuthenticationRequest } from './rp-api-v2-types.js';
import { AUTHENTICATION_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of `POST /v2/authentication/…`; throws `INVALID_REQUEST` listing every offending field. */
export function validateV2AuthenticationRequest(body: unknown): V2AuthenticationRequest {
  return readV2HashRequest(body, AUTHENTICATION_CERTIFICATE_LEVELS);
}
