import { compact, FieldChecker } from './field-checker.js';
import { readRelyingParty } from './read-request-fields.js';
import type { SigningCertificateRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of v3 endpoint 11 (signing certificate by document); throws `INVALID_REQUEST`. */
export function validateSigningCertificateRequest(body: unknown): SigningCertificateRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
    }),
  );
}
