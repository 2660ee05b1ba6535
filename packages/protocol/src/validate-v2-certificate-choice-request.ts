import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readNonce,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { V2CertificateChoiceRequest } from './rp-api-v2-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of `POST /v2/certificatechoice/…`; throws `INVALID_REQUEST` listing every offending field. */
export function validateV2CertificateChoiceRequest(body: unknown): V2CertificateChoiceRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  return c.done(
    compact({
      ...readRelyingParty(c, o, true),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      nonce: readNonce(c, o),
      capabilities: readCapabilities(c, o),
      requestProperties: readRequestProperties(c, o),
    }),
  );
}
