import { FieldChecker } from './field-checker.js';
import { UUID_PATTERN } from './read-request-fields.js';
import type { NotificationSessionResponse } from './rp-api-v3-types.js';

/**
 * Checks a `{sessionID}` response: v3 notification authentication, linked signing, notification certificate
 * choice (4–5, 10, 13), and every v2 session-creating POST. Throws `INVALID_RESPONSE`.
 */
export function validateNotificationSessionResponse(body: unknown): NotificationSessionResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  return c.done({ sessionID: c.string(o, '', 'sessionID', { required: true, pattern: UUID_PATTERN })! });
}
