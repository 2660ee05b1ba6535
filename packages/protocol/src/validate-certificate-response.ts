import { FieldChecker } from './field-checker.js';
import { readCertificate } from './read-response-fields.js';
import type { CertificateResponse } from './rp-api-v3-types.js';

/** Checks the response of v3 endpoint 11: `OK` with `cert`, or `DOCUMENT_UNUSABLE`. Throws `INVALID_RESPONSE`. */
export function validateCertificateResponse(body: unknown): CertificateResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  const state = c.oneOf(o, '', 'state', ['OK', 'DOCUMENT_UNUSABLE'] as const, true);
  if (state !== 'OK') return c.done({ state: state! });
  const cert = readCertificate(c, o, true);
  return c.done({ state, cert: cert! });
}
