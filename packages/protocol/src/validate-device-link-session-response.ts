import { checkDeviceLinkBase } from './check-device-link-base.js';
import { FieldChecker } from './field-checker.js';
import { UUID_PATTERN } from './read-request-fields.js';
import type { DeviceLinkSessionResponse } from './rp-api-v3-types.js';
import { RP_API_LIMITS } from './wire-values.js';

/** Checks the response of a v3 device-link endpoint (1–3, 6–7, 12); throws `INVALID_RESPONSE`. */
export function validateDeviceLinkSessionResponse(body: unknown): DeviceLinkSessionResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  return c.done({
    sessionID: c.string(o, '', 'sessionID', { required: true, pattern: UUID_PATTERN })!,
    sessionToken: c.string(o, '', 'sessionToken', {
      required: true,
      pattern: /^[A-Za-z0-9]+$/,
      minLength: RP_API_LIMITS.sessionTokenMinLength,
    })!,
    sessionSecret: c.base64(o, '', 'sessionSecret', {
      required: true,
      minBytes: RP_API_LIMITS.sessionSecretMinBytes,
    })!,
    deviceLinkBase: c.string(o, '', 'deviceLinkBase', { required: true, check: checkDeviceLinkBase })!,
  });
}
