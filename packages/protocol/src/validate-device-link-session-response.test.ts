import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { validateCertificateResponse } from './validate-certificate-response.js';
import { validateDeviceLinkSessionResponse } from './validate-device-link-session-response.js';
import { validateNotificationSessionResponse } from './validate-notification-session-response.js';
import { validateNotificationSignatureSessionResponse } from './validate-notification-signature-session-response.js';

const SESSION_ID = 'de305d54-75b4-431b-adb2-eb6b9e546014';
const deviceLink = {
  sessionID: SESSION_ID,
  sessionToken: 'wGIrqveE6AuGDATZKmR1mtAZ',
  sessionSecret: 'B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=',
  deviceLinkBase: 'https://smart-id.com/device-link',
};

function pointersOf(fn: () => unknown) {
  return expectProtocolError(fn, 'INVALID_RESPONSE').issues.map((issue) => issue.pointer);
}

describe('session-creation response validators (spec §2.2)', () => {
  it('accept the documented device-link response and drop unknown fields', () => {
    expect(validateDeviceLinkSessionResponse({ ...deviceLink, receivedAt: 1 })).toEqual(deviceLink);
  });

  it('refuse a short or non-alphanumeric token, a short secret and a base with a query', () => {
    expect(
      pointersOf(() => validateDeviceLinkSessionResponse({ ...deviceLink, sessionToken: 'abc' })),
    ).toEqual(['/sessionToken']);
    expect(
      pointersOf(() =>
        validateDeviceLinkSessionResponse({ ...deviceLink, sessionToken: 'wGIrqveE6AuGDATZKmR1mt_Z' }),
      ),
    ).toEqual(['/sessionToken']);
    expect(
      pointersOf(() => validateDeviceLinkSessionResponse({ ...deviceLink, sessionSecret: 'c2hvcnQ=' })),
    ).toEqual(['/sessionSecret']);
    expect(
      pointersOf(() =>
        validateDeviceLinkSessionResponse({ ...deviceLink, deviceLinkBase: 'https://x.example/?a=b' }),
      ),
    ).toEqual(['/deviceLinkBase']);
  });

  it('accept a bare sessionID and refuse a malformed one', () => {
    expect(validateNotificationSessionResponse({ sessionID: SESSION_ID })).toEqual({ sessionID: SESSION_ID });
    expect(pointersOf(() => validateNotificationSessionResponse({ sessionID: 'x' }))).toEqual(['/sessionID']);
  });

  it('require a numeric4 vc on notification signing', () => {
    const body = { sessionID: SESSION_ID, vc: { type: 'numeric4', value: '4927' } };
    expect(validateNotificationSignatureSessionResponse(body)).toEqual(body);
    expect(pointersOf(() => validateNotificationSignatureSessionResponse({ sessionID: SESSION_ID }))).toEqual(
      ['/vc'],
    );
    expect(
      pointersOf(() =>
        validateNotificationSignatureSessionResponse({ ...body, vc: { type: 'alpha', value: '492' } }),
      ),
    ).toEqual(['/vc/type', '/vc/value']);
  });

  it('accept the two certificate responses and require cert with OK', () => {
    expect(validateCertificateResponse({ state: 'DOCUMENT_UNUSABLE' })).toEqual({
      state: 'DOCUMENT_UNUSABLE',
    });
    const ok = { state: 'OK', cert: { value: 'MIIBAA==', certificateLevel: 'ADVANCED' } };
    expect(validateCertificateResponse(ok)).toEqual(ok);
    expect(pointersOf(() => validateCertificateResponse({ state: 'OK' }))).toEqual(['/cert']);
  });
});
