import { constantTimeEqual } from '@tessera/crypto';
import type { AuthCodeContext, DeviceLink, QrFreshnessPolicy } from './device-link.js';
import { parseDeviceLink } from './parse-device-link.js';
import { ProtocolError } from './protocol-error.js';
import { verifyAuthCode } from './verify-auth-code.js';

/** Everything a device link is checked against: the session as the server stored it, and the clock. */
export interface DeviceLinkExpectations {
  /** The `deviceLinkBase` the server returned for the session. */
  readonly deviceLinkBase: string;
  readonly sessionToken: string;
  readonly sessionSecret: string;
  /** The session's raw strings as the RP sent them. */
  readonly context: AuthCodeContext;
  /** When the session-creation response was sent, in milliseconds since the epoch. */
  readonly responseSentAt: number;
  /** The current time, in milliseconds since the epoch. */
  readonly now: number;
  readonly qrFreshness: QrFreshnessPolicy;
}

const ascii = new TextEncoder();

/**
 * Checks a device link as the server does when the app presents it (spec §4.3): canonical form, the
 * session's base and token, its sessionType, a callback URL behind same-device links, the authCode, and for
 * QR links the freshness of `elapsedSeconds`. Returns the parsed link; throws `MALFORMED_DEVICE_LINK`,
 * `DEVICE_LINK_MISMATCH`, `AUTH_CODE_MISMATCH` or `DEVICE_LINK_NOT_FRESH`.
 */
export function verifyDeviceLink(link: string, expected: DeviceLinkExpectations): DeviceLink {
  const parsed = parseDeviceLink(link);
  if (parsed.deviceLinkBase !== expected.deviceLinkBase) {
    throw new ProtocolError('DEVICE_LINK_MISMATCH', 'The device link base is not the session’s.');
  }
  if (!constantTimeEqual(ascii.encode(parsed.sessionToken), ascii.encode(expected.sessionToken))) {
    throw new ProtocolError('DEVICE_LINK_MISMATCH', 'The session token is not the session’s.');
  }
  if (parsed.sessionType !== expected.context.sessionType) {
    throw new ProtocolError('DEVICE_LINK_MISMATCH', 'The sessionType is not the session’s.');
  }
  if (parsed.deviceLinkType !== 'QR' && !expected.context.initialCallbackUrl) {
    throw new ProtocolError('DEVICE_LINK_MISMATCH', 'A session without a callback URL offers only QR links.');
  }
  if (!verifyAuthCode(parsed.authCode, parsed, expected.context, expected.sessionSecret)) {
    throw new ProtocolError('AUTH_CODE_MISMATCH', 'The authCode does not match the session.');
  }
  if (parsed.deviceLinkType === 'QR') {
    const { maxElapsedSeconds, maxLagSeconds, maxLeadSeconds } = expected.qrFreshness;
    const serverElapsed = Math.floor((expected.now - expected.responseSentAt) / 1000);
    const elapsed = parsed.elapsedSeconds;
    if (
      elapsed > maxElapsedSeconds ||
      serverElapsed - elapsed > maxLagSeconds ||
      elapsed - serverElapsed > maxLeadSeconds
    ) {
      throw new ProtocolError(
        'DEVICE_LINK_NOT_FRESH',
        'The QR code is too old or its elapsedSeconds is off.',
      );
    }
  }
  return parsed;
}
