import { describe, expect, it } from 'vitest';
import vectors from '../vectors/auth-code.json' with { type: 'json' };
import { buildAuthCodePayload } from './build-auth-code-payload.js';
import { computeAuthCode } from './compute-auth-code.js';
import { vectorCase } from './test-support/auth-code-vector.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { verifyAuthCode } from './verify-auth-code.js';

const v = vectors.inputs;

describe('authCode (spec §4.3)', () => {
  it('has provenance and all 18 documented cases', () => {
    expect(vectors.source).toMatch(/§4\.3/);
    expect(vectors.cases).toHaveLength(18);
  });

  it.each(vectors.cases)(
    'gives the documented authCode for a $deviceLinkType $sessionType link (brokered: $brokered)',
    ({ deviceLinkType, sessionType, brokered, authCode }) => {
      const { link, context } = vectorCase(deviceLinkType, sessionType, brokered);
      expect(computeAuthCode(v.sessionSecret, buildAuthCodePayload(link, context))).toBe(authCode);
    },
  );

  it('builds the payload field by field, empty fields kept and the callback URL left out of QR links', () => {
    const web = vectorCase('Web2App', 'cert', true);
    expect(new TextDecoder().decode(buildAuthCodePayload(web.link, web.context))).toBe(
      `smart-id|||${v.relyingPartyNameBase64}|${v.brokeredRpNameBase64}||${v.initialCallbackUrl}|` +
        'https://smart-id.com/device-link?deviceLinkType=Web2App&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=cert&version=1.0&lang=eng',
    );
    const qr = vectorCase('QR', 'auth', false);
    expect(new TextDecoder().decode(buildAuthCodePayload(qr.link, qr.context))).toBe(
      `smart-id|ACSP_V2|${v.rpChallenge}|${v.relyingPartyNameBase64}||${v.interactions}||` +
        'https://smart-id.com/device-link?deviceLinkType=QR&elapsedSeconds=22&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=auth&version=1.0&lang=eng',
    );
  });

  it('changes with the scheme name, so a demo link does not verify in the live scheme', () => {
    const { link, context } = vectorCase('Web2App', 'auth', true);
    const demo = computeAuthCode(
      v.sessionSecret,
      buildAuthCodePayload(link, { ...context, schemeName: 'smart-id-demo' }),
    );
    expect(demo).not.toBe(vectors.cases[0]!.authCode);
    expect(verifyAuthCode(demo, link, context, v.sessionSecret)).toBe(false);
  });

  it('verifies the right authCode and refuses a changed one', () => {
    const { link, context } = vectorCase('App2App', 'sign', true);
    const good = '8QZ16rkBW_ffkq6osT7UH1DbUlF9gEOZevgj-A0VNbM';
    expect(verifyAuthCode(good, link, context, v.sessionSecret)).toBe(true);
    expect(verifyAuthCode(`${good.slice(0, -1)}N`, link, context, v.sessionSecret)).toBe(false);
    expect(verifyAuthCode(good.slice(0, -1), link, context, v.sessionSecret)).toBe(false);
  });

  it('refuses a session whose sessionType differs from the link', () => {
    const { link } = vectorCase('QR', 'auth', false);
    const { context } = vectorCase('QR', 'sign', false);
    expectProtocolError(() => buildAuthCodePayload(link, context), 'INVALID_ARGUMENT');
  });

  it('refuses a same-device link for a session without a callback URL', () => {
    const { link, context } = vectorCase('Web2App', 'auth', false);
    expectProtocolError(
      () => buildAuthCodePayload(link, { ...context, initialCallbackUrl: undefined }),
      'INVALID_ARGUMENT',
    );
  });

  it('refuses a "|" in a raw field, which would make the payload ambiguous', () => {
    const { link, context } = vectorCase('Web2App', 'auth', false);
    expectProtocolError(
      () => buildAuthCodePayload(link, { ...context, initialCallbackUrl: 'https://rp.example.com/a|b' }),
      'INVALID_ARGUMENT',
    );
    expectProtocolError(
      () => buildAuthCodePayload(link, { ...context, schemeName: 'smart|id' }),
      'INVALID_ARGUMENT',
    );
  });

  it('refuses a session secret that is not Base64 of at least 16 bytes, without echoing it', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const error = expectProtocolError(() => computeAuthCode('c2hvcnQ=', payload), 'INVALID_ARGUMENT');
    expect(error.message).not.toContain('c2hvcnQ=');
    expectProtocolError(() => computeAuthCode('not base64!', payload), 'INVALID_ARGUMENT');
  });
});
