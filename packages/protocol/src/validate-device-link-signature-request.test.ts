import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import {
  deviceLinkSignatureBody,
  SHA256_DIGEST,
  SHA512_DIGEST,
  VC_CHOICE_INTERACTIONS,
} from './test-support/request-fixtures.js';
import { validateDeviceLinkSignatureRequest } from './validate-device-link-signature-request.js';
import { validateNotificationSignatureRequest } from './validate-notification-signature-request.js';

function withParams(change: Record<string, unknown>) {
  const body = deviceLinkSignatureBody();
  return {
    ...body,
    signatureProtocolParameters: { ...(body.signatureProtocolParameters as object), ...change },
  };
}

function pointersOf(fn: () => unknown) {
  return expectProtocolError(fn, 'INVALID_REQUEST').issues.map((issue) => issue.pointer);
}

describe('validateDeviceLinkSignatureRequest (endpoints 6–7)', () => {
  it('accepts a PSS request with QSCD, nonce and callback', () => {
    expect(validateDeviceLinkSignatureRequest(deviceLinkSignatureBody())).toEqual(deviceLinkSignatureBody());
  });

  it('accepts a deprecated PKCS#1 v1.5 name whose digest has the implied length', () => {
    const request = validateDeviceLinkSignatureRequest(
      withParams({
        digest: SHA256_DIGEST,
        signatureAlgorithm: 'sha256WithRSAEncryption',
        signatureAlgorithmParameters: null,
      }),
    );
    expect(request.signatureProtocolParameters.signatureAlgorithm).toBe('sha256WithRSAEncryption');
  });

  it('refuses a digest whose length does not match the hash', () => {
    expect(
      pointersOf(() => validateDeviceLinkSignatureRequest(withParams({ digest: SHA256_DIGEST }))),
    ).toEqual(['/signatureProtocolParameters/digest']);
    expect(
      pointersOf(() =>
        validateDeviceLinkSignatureRequest(
          withParams({ signatureAlgorithm: 'sha384WithRSAEncryption', signatureAlgorithmParameters: null }),
        ),
      ),
    ).toEqual(['/signatureProtocolParameters/digest']);
  });

  it('refuses the ACSP_V2 protocol, an over-long nonce, an empty nonce and VC-choice interactions', () => {
    const body = deviceLinkSignatureBody();
    expect(
      pointersOf(() => validateDeviceLinkSignatureRequest({ ...body, signatureProtocol: 'ACSP_V2' })),
    ).toEqual(['/signatureProtocol']);
    expect(pointersOf(() => validateDeviceLinkSignatureRequest({ ...body, nonce: 'n'.repeat(31) }))).toEqual([
      '/nonce',
    ]);
    expect(pointersOf(() => validateDeviceLinkSignatureRequest({ ...body, nonce: '' }))).toEqual(['/nonce']);
    expect(
      pointersOf(() => validateDeviceLinkSignatureRequest({ ...body, interactions: VC_CHOICE_INTERACTIONS })),
    ).toEqual(['/interactions']);
  });

  it('requires interactions and signature parameters', () => {
    const { interactions: _i, signatureProtocolParameters: _p, ...body } = deviceLinkSignatureBody();
    expect(pointersOf(() => validateDeviceLinkSignatureRequest(body))).toEqual([
      '/signatureProtocolParameters',
      '/interactions',
    ]);
  });
});

describe('validateNotificationSignatureRequest (endpoints 8–9)', () => {
  it('accepts VC-choice interactions and no callback URL', () => {
    const { initialCallbackUrl: _cb, ...body } = deviceLinkSignatureBody();
    const request = validateNotificationSignatureRequest({ ...body, interactions: VC_CHOICE_INTERACTIONS });
    expect(request.signatureProtocolParameters.digest).toBe(SHA512_DIGEST);
  });

  it('refuses a callback URL', () => {
    expect(pointersOf(() => validateNotificationSignatureRequest(deviceLinkSignatureBody()))).toEqual([
      '/initialCallbackUrl',
    ]);
  });
});
