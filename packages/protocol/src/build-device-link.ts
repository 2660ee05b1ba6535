import { buildAuthCodePayload } from './build-auth-code-payload.js';
import { buildUnprotectedDeviceLink } from './build-unprotected-device-link.js';
import { computeAuthCode } from './compute-auth-code.js';
import type { AuthCodeContext, DeviceLinkParameters } from './device-link.js';

/**
 * The complete device link (spec §4.2–4.3): the unprotected link followed by `&authCode=` and the HMAC of
 * the authCode payload under the session secret. QR links must be rebuilt every second with a new
 * `elapsedSeconds`.
 */
export function buildDeviceLink(
  link: DeviceLinkParameters,
  context: AuthCodeContext,
  sessionSecret: string,
): string {
  const authCode = computeAuthCode(sessionSecret, buildAuthCodePayload(link, context));
  return `${buildUnprotectedDeviceLink(link)}&authCode=${authCode}`;
}
