import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { RP_UUID } from './test-support/request-fixtures.js';
import { validateDeviceLinkCertificateChoiceRequest } from './validate-device-link-certificate-choice-request.js';
import { validateNotificationCertificateChoiceRequest } from './validate-notification-certificate-choice-request.js';
import { validateSigningCertificateRequest } from './validate-signing-certificate-request.js';

const minimal = { relyingPartyUUID: RP_UUID, relyingPartyName: 'DEMO' };

describe('certificate requests (endpoints 11–13)', () => {
  it('accept the two required fields alone', () => {
    expect(validateDeviceLinkCertificateChoiceRequest(minimal)).toEqual(minimal);
    expect(validateNotificationCertificateChoiceRequest(minimal)).toEqual(minimal);
    expect(validateSigningCertificateRequest(minimal)).toEqual(minimal);
  });

  it('accept the old all-zero demo UUID and every signing level', () => {
    const old = { ...minimal, relyingPartyUUID: '00000000-0000-0000-0000-000000000000' };
    for (const certificateLevel of ['ADVANCED', 'QUALIFIED', 'QSCD']) {
      expect(validateSigningCertificateRequest({ ...old, certificateLevel }).certificateLevel).toBe(
        certificateLevel,
      );
    }
  });

  it('keeps the device-link certificate choice callback, nonce and properties', () => {
    const body = {
      ...minimal,
      initialCallbackUrl: 'https://rp.example.com/cert?value=9',
      nonce: 'x',
      requestProperties: { shareMdClientIpAddress: false },
      capabilities: ['QUALIFIED'],
    };
    expect(validateDeviceLinkCertificateChoiceRequest(body)).toEqual(body);
  });

  it('refuse a callback URL on the notification certificate choice and an unknown level on every endpoint', () => {
    const error = expectProtocolError(
      () =>
        validateNotificationCertificateChoiceRequest({
          ...minimal,
          initialCallbackUrl: 'https://rp.example.com/',
        }),
      'INVALID_REQUEST',
    );
    expect(error.issues.map((i) => i.pointer)).toEqual(['/initialCallbackUrl']);
    for (const validate of [
      validateDeviceLinkCertificateChoiceRequest,
      validateNotificationCertificateChoiceRequest,
      validateSigningCertificateRequest,
    ]) {
      expectProtocolError(() => validate({ ...minimal, certificateLevel: 'BASIC' }), 'INVALID_REQUEST');
    }
  });

  it('refuse a missing relying party', () => {
    const error = expectProtocolError(
      () => validateSigningCertificateRequest({ certificateLevel: null }),
      'INVALID_REQUEST',
    );
    expect(error.issues.map((i) => i.pointer)).toEqual(['/relyingPartyUUID', '/relyingPartyName']);
  });
});
