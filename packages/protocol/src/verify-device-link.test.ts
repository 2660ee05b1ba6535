import { describe, expect, it } from 'vitest';
import vectors from '../vectors/auth-code.json' with { type: 'json' };
import { buildDeviceLink } from './build-device-link.js';
import { DEFAULT_QR_FRESHNESS } from './device-link.js';
import { vectorCase } from './test-support/auth-code-vector.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { type DeviceLinkExpectations, verifyDeviceLink } from './verify-device-link.js';

const secret = vectors.inputs.sessionSecret;
const sentAt = Date.UTC(2026, 0, 1, 12, 0, 0);

function expectations(
  sessionType: string,
  change: Partial<DeviceLinkExpectations> = {},
): DeviceLinkExpectations {
  return {
    deviceLinkBase: vectors.inputs.deviceLinkBase,
    sessionToken: vectors.inputs.sessionToken,
    sessionSecret: secret,
    context: vectorCase('QR', sessionType, true).context,
    responseSentAt: sentAt,
    now: sentAt + 22_400,
    qrFreshness: DEFAULT_QR_FRESHNESS,
    ...change,
  };
}

describe('verifyDeviceLink (spec §4.3)', () => {
  it.each(vectors.links)('accepts the documented $deviceLinkType link for its session', (row) => {
    expect(verifyDeviceLink(row.deviceLink, expectations(row.sessionType)).authCode).toBe(
      row.deviceLink.slice(-43),
    );
  });

  it('refuses a link whose elapsedSeconds was altered (the authCode covers it)', () => {
    const tampered = vectors.links[1]!.deviceLink.replace('elapsedSeconds=22', 'elapsedSeconds=21');
    expectProtocolError(() => verifyDeviceLink(tampered, expectations('auth')), 'AUTH_CODE_MISMATCH');
  });

  it('refuses a link made with another session secret', () => {
    const { link, context } = vectorCase('Web2App', 'auth', true);
    const other = buildDeviceLink(link, context, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expectProtocolError(() => verifyDeviceLink(other, expectations('auth')), 'AUTH_CODE_MISMATCH');
  });

  it('refuses a link whose session details differ from what the RP sent (here the RP name case)', () => {
    const ctx = vectorCase('QR', 'auth', true).context;
    expectProtocolError(
      () =>
        verifyDeviceLink(
          vectors.links[0]!.deviceLink,
          expectations('auth', { context: { ...ctx, relyingPartyName: 'Demo' } }),
        ),
      'AUTH_CODE_MISMATCH',
    );
  });

  it('refuses a link for another session, base or session type', () => {
    const link = vectors.links[0]!.deviceLink;
    expectProtocolError(
      () => verifyDeviceLink(link, expectations('auth', { sessionToken: 'ZZZZqveE6AuGDATZKmR1mtAZ' })),
      'DEVICE_LINK_MISMATCH',
    );
    expectProtocolError(
      () =>
        verifyDeviceLink(link, expectations('auth', { deviceLinkBase: 'https://smart-id.com/device-link/' })),
      'DEVICE_LINK_MISMATCH',
    );
    expectProtocolError(() => verifyDeviceLink(link, expectations('sign')), 'DEVICE_LINK_MISMATCH');
  });

  it('refuses a same-device link for a session that has no callback URL', () => {
    const ctx = vectorCase('QR', 'auth', true).context;
    expectProtocolError(
      () =>
        verifyDeviceLink(
          vectors.links[0]!.deviceLink,
          expectations('auth', { context: { ...ctx, initialCallbackUrl: undefined } }),
        ),
      'DEVICE_LINK_MISMATCH',
    );
  });

  it('accepts a QR link that trails the server clock within the lag and refuses a stale one', () => {
    const qr = vectors.links[1]!.deviceLink;
    expect(verifyDeviceLink(qr, expectations('auth', { now: sentAt + 32_000 })).elapsedSeconds).toBe(22);
    expectProtocolError(
      () => verifyDeviceLink(qr, expectations('auth', { now: sentAt + 33_000 })),
      'DEVICE_LINK_NOT_FRESH',
    );
  });

  it('refuses a QR link from the future and one beyond the maximum age', () => {
    const qr = vectors.links[1]!.deviceLink;
    expectProtocolError(
      () => verifyDeviceLink(qr, expectations('auth', { now: sentAt + 19_000 })),
      'DEVICE_LINK_NOT_FRESH',
    );
    expectProtocolError(
      () =>
        verifyDeviceLink(
          qr,
          expectations('auth', { qrFreshness: { ...DEFAULT_QR_FRESHNESS, maxElapsedSeconds: 20 } }),
        ),
      'DEVICE_LINK_NOT_FRESH',
    );
  });

  it('does not apply the QR clock to same-device links', () => {
    const web = vectors.links[0]!.deviceLink;
    expect(verifyDeviceLink(web, expectations('auth', { now: sentAt + 600_000 })).deviceLinkType).toBe(
      'Web2App',
    );
  });
});
