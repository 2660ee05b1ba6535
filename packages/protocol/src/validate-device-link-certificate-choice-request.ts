import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readInitialCallbackUrl,
  readNonce,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { DeviceLinkCertificateChoiceRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of v3 endpoint 12 (device-link certificate choice); throws `INVALID_REQUEST`. */
export function validateDeviceLinkCertificateChoiceRequest(
  body: unknown,
): DeviceLinkCertificateChoiceRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      initialCallbackUrl: readInitialCallbackUrl(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      nonce: readNonce(c, o),
      requestProperties: readRequestProperties(c, o),
      capabilities: readCapabilities(c, o),
    }),
  );
}
