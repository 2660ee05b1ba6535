import { FieldChecker } from './field-checker.js';
import { UUID_PATTERN } from './read-request-fields.js';
import { NUMERIC4 } from './read-response-fields.js';
import type { NotificationSignatureSessionResponse } from './rp-api-v3-types.js';
import { VC_TYPES } from './wire-values.js';

/** Checks the response of v3 notification signing (8–9): `sessionID` and a `numeric4` `vc`. Throws `INVALID_RESPONSE`. */
export function validateNotificationSignatureSessionResponse(
  body: unknown,
): NotificationSignatureSessionResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  const sessionID = c.string(o, '', 'sessionID', { required: true, pattern: UUID_PATTERN })!;
  const vc = c.object(o, '', 'vc', true);
  const type = vc === undefined ? undefined : c.oneOf(vc, '/vc', 'type', VC_TYPES, true);
  const value =
    vc === undefined ? undefined : c.string(vc, '/vc', 'value', { required: true, pattern: NUMERIC4 });
  return c.done({ sessionID, vc: { type: type!, value: value! } });
}
