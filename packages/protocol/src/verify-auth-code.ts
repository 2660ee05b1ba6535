import { constantTimeEqual } from '@tessera/crypto';
import { buildAuthCodePayload } from './build-auth-code-payload.js';
import { computeAuthCode } from './compute-auth-code.js';
import type { AuthCodeContext, DeviceLinkParameters } from './device-link.js';

const ascii = new TextEncoder();

/** Whether `authCode` is the one the session gives for `link`, compared in constant time. */
export function verifyAuthCode(
  authCode: string,
  link: DeviceLinkParameters,
  context: AuthCodeContext,
  sessionSecret: string,
): boolean {
  const expected = computeAuthCode(sessionSecret, buildAuthCodePayload(link, context));
  return constantTimeEqual(ascii.encode(authCode), ascii.encode(expected));
}
