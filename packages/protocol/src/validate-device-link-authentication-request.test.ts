import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import {
  deviceLinkAuthenticationBody,
  RP_CHALLENGE,
  VC_CHOICE_INTERACTIONS,
} from './test-support/request-fixtures.js';
import { validateDeviceLinkAuthenticationRequest } from './validate-device-link-authentication-request.js';

function issuesOf(body: unknown) {
  return expectProtocolError(() => validateDeviceLinkAuthenticationRequest(body), 'INVALID_REQUEST').issues;
}

function withParams(change: Record<string, unknown>) {
  const body = deviceLinkAuthenticationBody();
  return {
    ...body,
    signatureProtocolParameters: { ...(body.signatureProtocolParameters as object), ...change },
  };
}

describe('validateDeviceLinkAuthenticationRequest (endpoints 1–3)', () => {
  it("accepts the official PHP client's wire body and keeps the decoded strings", () => {
    const request = validateDeviceLinkAuthenticationRequest(deviceLinkAuthenticationBody());
    expect(request).toEqual(deviceLinkAuthenticationBody());
    expect(request.initialCallbackUrl).toBe('https://rp.example.com/cb?value=abc');
  });

  it('accepts a QR-only request without initialCallbackUrl', () => {
    const { initialCallbackUrl: _cb, ...body } = deviceLinkAuthenticationBody();
    expect(validateDeviceLinkAuthenticationRequest(body).initialCallbackUrl).toBeUndefined();
  });

  it('drops unknown fields at every level', () => {
    const body = withParams({ unknownField1: 1 });
    const request = validateDeviceLinkAuthenticationRequest({
      ...body,
      unknownField2: 'x',
      requestProperties: { shareMdClientIpAddress: true, unknownField3: [] },
    });
    expect(request).not.toHaveProperty('unknownField2');
    expect(request.signatureProtocolParameters).not.toHaveProperty('unknownField1');
    expect(request.requestProperties).toEqual({ shareMdClientIpAddress: true });
  });

  it('treats explicit null as absent', () => {
    const request = validateDeviceLinkAuthenticationRequest({
      ...deviceLinkAuthenticationBody(),
      initialCallbackUrl: null,
      certificateLevel: null,
      requestProperties: null,
      capabilities: null,
      nonce: null,
    });
    expect(request).not.toHaveProperty('initialCallbackUrl');
    expect(request).not.toHaveProperty('certificateLevel');
    expect(request).not.toHaveProperty('requestProperties');
  });

  it('lists every missing required field at once, with pointers', () => {
    expect(issuesOf({}).map((issue) => [issue.pointer, issue.reason])).toEqual([
      ['/relyingPartyUUID', 'MISSING'],
      ['/relyingPartyName', 'MISSING'],
      ['/signatureProtocol', 'MISSING'],
      ['/signatureProtocolParameters', 'MISSING'],
      ['/interactions', 'MISSING'],
    ]);
    expect(
      issuesOf(withParams({ rpChallenge: null, signatureAlgorithm: undefined })).map((i) => i.pointer),
    ).toEqual([
      '/signatureProtocolParameters/rpChallenge',
      '/signatureProtocolParameters/signatureAlgorithm',
    ]);
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [null, [], 'x', 1]) expect(issuesOf(body)[0]?.pointer).toBe('');
  });

  it.each([
    ['relyingPartyUUID', { relyingPartyUUID: 'not-a-uuid' }, '/relyingPartyUUID'],
    ['empty relyingPartyName', { relyingPartyName: '' }, '/relyingPartyName'],
    ['non-string relyingPartyName', { relyingPartyName: 42 }, '/relyingPartyName'],
    ['QSCD level (signing only)', { certificateLevel: 'QSCD' }, '/certificateLevel'],
    ['signatureProtocol', { signatureProtocol: 'RAW_DIGEST_SIGNATURE' }, '/signatureProtocol'],
    ['interactions that are not Base64', { interactions: 'not base64!' }, '/interactions'],
    ['plain-http callback', { initialCallbackUrl: 'http://rp.example.com/cb' }, '/initialCallbackUrl'],
    ['callback with "|"', { initialCallbackUrl: 'https://rp.example.com/a|b' }, '/initialCallbackUrl'],
    [
      'callback with a fragment',
      { initialCallbackUrl: 'https://rp.example.com/cb#x' },
      '/initialCallbackUrl',
    ],
    [
      'over-long callback',
      { initialCallbackUrl: `https://rp.example.com/${'a'.repeat(1800)}` },
      '/initialCallbackUrl',
    ],
    ['requestProperties that is no object', { requestProperties: true }, '/requestProperties'],
    [
      'a non-boolean shareMdClientIpAddress',
      { requestProperties: { shareMdClientIpAddress: 'yes' } },
      '/requestProperties/shareMdClientIpAddress',
    ],
    ['capabilities that are no string array', { capabilities: ['a', 1] }, '/capabilities'],
  ])('refuses an invalid %s', (_name, change, pointer) => {
    const issues = issuesOf({ ...deviceLinkAuthenticationBody(), ...change });
    expect(issues).toEqual([expect.objectContaining({ pointer, reason: 'INVALID' })]);
  });

  it('names the offending decoded interaction item in the detail', () => {
    const [issue] = issuesOf({ ...deviceLinkAuthenticationBody(), interactions: VC_CHOICE_INTERACTIONS });
    expect(issue).toMatchObject({ paramName: 'interactions', reason: 'NOT_ALLOWED' });
    expect(issue!.detail).toContain('/0/type');
  });

  it('refuses nonce, which authentication requests must not carry', () => {
    expect(issuesOf({ ...deviceLinkAuthenticationBody(), nonce: 'abc' })).toEqual([
      expect.objectContaining({ pointer: '/nonce', reason: 'NOT_ALLOWED' }),
    ]);
  });

  it.each([
    ['an rpChallenge of 16 bytes', { rpChallenge: 'AAAAAAAAAAAAAAAAAAAAAA==' }, '/rpChallenge'],
    ['a URL-safe rpChallenge', { rpChallenge: `-${RP_CHALLENGE.slice(1)}` }, '/rpChallenge'],
    ['an unknown signatureAlgorithm', { signatureAlgorithm: 'sha1WithRSAEncryption' }, '/signatureAlgorithm'],
    [
      'rsassa-pss without parameters',
      { signatureAlgorithmParameters: null },
      '/signatureAlgorithmParameters',
    ],
    [
      'an unknown hash',
      { signatureAlgorithmParameters: { hashAlgorithm: 'SHA-1' } },
      '/signatureAlgorithmParameters/hashAlgorithm',
    ],
    [
      'a PKCS#1 name with a different hash',
      {
        signatureAlgorithm: 'sha256WithRSAEncryption',
        signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
      },
      '/signatureAlgorithmParameters/hashAlgorithm',
    ],
  ])('refuses %s', (_name, change, pointer) => {
    expect(issuesOf(withParams(change)).map((i) => i.pointer)).toEqual([
      `/signatureProtocolParameters${pointer}`,
    ]);
  });

  it('accepts a deprecated PKCS#1 v1.5 name without parameters', () => {
    const request = validateDeviceLinkAuthenticationRequest(
      withParams({ signatureAlgorithm: 'sha384WithRSAEncryption', signatureAlgorithmParameters: null }),
    );
    expect(request.signatureProtocolParameters).toEqual({
      rpChallenge: RP_CHALLENGE,
      signatureAlgorithm: 'sha384WithRSAEncryption',
    });
  });

  it('accepts an https callback with a percent-encoded "|" and a loopback http callback', () => {
    for (const url of ['https://rp.example.com/cb?v=a%7Cb', 'http://localhost:3000/cb?value=1']) {
      expect(
        validateDeviceLinkAuthenticationRequest({
          ...deviceLinkAuthenticationBody(),
          initialCallbackUrl: url,
        }).initialCallbackUrl,
      ).toBe(url);
    }
  });
});
