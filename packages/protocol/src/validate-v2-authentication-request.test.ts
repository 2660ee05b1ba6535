import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { RP_UUID, SHA256_DIGEST, SHA512_DIGEST } from './test-support/request-fixtures.js';
import { validateV2AuthenticationRequest } from './validate-v2-authentication-request.js';
import { validateV2CertificateChoiceRequest } from './validate-v2-certificate-choice-request.js';
import { validateV2SignatureRequest } from './validate-v2-signature-request.js';

/** The spec's v2 example body (§8.1). */
function v2Body(): Record<string, unknown> {
  return {
    relyingPartyUUID: RP_UUID,
    relyingPartyName: 'DEMO',
    certificateLevel: 'QUALIFIED',
    hash: SHA512_DIGEST,
    hashType: 'SHA512',
    allowedInteractionsOrder: [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }],
  };
}

function pointersOf(fn: () => unknown) {
  return expectProtocolError(fn, 'INVALID_REQUEST').issues.map((issue) => issue.pointer);
}

describe('v2 request validators (spec §8.1)', () => {
  it('accept the documented authentication body, and signing with QSCD', () => {
    expect(validateV2AuthenticationRequest(v2Body())).toEqual(v2Body());
    expect(validateV2SignatureRequest({ ...v2Body(), certificateLevel: 'QSCD' }).certificateLevel).toBe(
      'QSCD',
    );
  });

  it('accept verificationCodeChoice, which v3 removed, and a nonce on authentication', () => {
    const body = {
      ...v2Body(),
      nonce: 'abc',
      allowedInteractionsOrder: [
        { type: 'verificationCodeChoice', displayText60: 'Log in?' },
        { type: 'displayTextAndPIN', displayText60: 'Log in?' },
      ],
    };
    expect(validateV2AuthenticationRequest(body)).toEqual(body);
  });

  it('refuse QSCD on authentication, a dashed hashType and a hash of the wrong length', () => {
    expect(
      pointersOf(() => validateV2AuthenticationRequest({ ...v2Body(), certificateLevel: 'QSCD' })),
    ).toEqual(['/certificateLevel']);
    expect(pointersOf(() => validateV2AuthenticationRequest({ ...v2Body(), hashType: 'SHA-512' }))).toEqual([
      '/hashType',
    ]);
    expect(pointersOf(() => validateV2SignatureRequest({ ...v2Body(), hash: SHA256_DIGEST }))).toEqual([
      '/hash',
    ]);
  });

  it('refuse interactions given as Base64 (v2 takes a plain array) and broken items, pointing into the array', () => {
    expect(
      pointersOf(() =>
        validateV2AuthenticationRequest({ ...v2Body(), allowedInteractionsOrder: 'W3sidHlwZSI6' }),
      ),
    ).toEqual(['/allowedInteractionsOrder']);
    expect(
      pointersOf(() =>
        validateV2AuthenticationRequest({
          ...v2Body(),
          allowedInteractionsOrder: [{ type: 'displayTextAndPIN', displayText60: 'x'.repeat(61) }],
        }),
      ),
    ).toEqual(['/allowedInteractionsOrder/0/displayText60']);
    expect(
      pointersOf(() => validateV2AuthenticationRequest({ ...v2Body(), allowedInteractionsOrder: null })),
    ).toEqual(['/allowedInteractionsOrder']);
  });

  it('limit relyingPartyName to 32 bytes of UTF-8', () => {
    expect(
      validateV2CertificateChoiceRequest({ relyingPartyUUID: RP_UUID, relyingPartyName: 'a'.repeat(32) }),
    ).toBeTruthy();
    expect(
      pointersOf(() =>
        validateV2CertificateChoiceRequest({ relyingPartyUUID: RP_UUID, relyingPartyName: 'õ'.repeat(17) }),
      ),
    ).toEqual(['/relyingPartyName']);
  });

  it('ignore interactions on certificate choice, which has none', () => {
    const request = validateV2CertificateChoiceRequest({
      relyingPartyUUID: RP_UUID,
      relyingPartyName: 'DEMO',
      allowedInteractionsOrder: 'junk',
    });
    expect(request).toEqual({ relyingPartyUUID: RP_UUID, relyingPartyName: 'DEMO' });
  });
});
