import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readNonce,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { NotificationCertificateChoiceRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of v3 endpoint 13 (notification certificate choice); throws `INVALID_REQUEST`. */
export function validateNotificationCertificateChoiceRequest(
  body: unknown,
): NotificationCertificateChoiceRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  c.forbid(o, '', 'initialCallbackUrl', 'Notification flows have no callback URL.');
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      nonce: readNonce(c, o),
      requestProperties: readRequestProperties(c, o),
      capabilities: readCapabilities(c, o),
    }),
  );
}
