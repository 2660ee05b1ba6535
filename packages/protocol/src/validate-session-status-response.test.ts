import { describe, expect, it } from 'vitest';
import acsp from '../vectors/acsp-v2.json' with { type: 'json' };
import { buildSignatureAlgorithmParameters } from './build-signature-algorithm-parameters.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { validateSessionStatusResponse } from './validate-session-status-response.js';
import { validateV2SessionStatusResponse } from './validate-v2-session-status-response.js';

const CERT = { value: 'MIIBAA==', certificateLevel: 'QUALIFIED' };
const SIGNATURE_VALUE = 'Vak2Q0NiFnh6+lW+YaJuB8yMYM7k3I5QfsUxS3Y1Ddk=';

/** A complete OK authentication status, shaped like the documentation's example. */
function authenticationOk(): Record<string, unknown> {
  return {
    state: 'COMPLETE',
    result: { endResult: 'OK', documentNumber: 'PNOEE-40504040001-MOCK-Q' },
    signatureProtocol: 'ACSP_V2',
    signature: {
      value: SIGNATURE_VALUE,
      serverRandom: acsp.fields.serverRandom,
      userChallenge: acsp.fields.userChallenge,
      flowType: 'Web2App',
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: buildSignatureAlgorithmParameters('SHA-512'),
    },
    cert: CERT,
    interactionTypeUsed: 'confirmationMessage',
  };
}

function withSignature(change: Record<string, unknown>): Record<string, unknown> {
  const body = authenticationOk();
  return { ...body, signature: { ...(body.signature as object), ...change } };
}

function pointersOf(body: unknown) {
  return expectProtocolError(() => validateSessionStatusResponse(body), 'INVALID_RESPONSE').issues.map(
    (i) => i.pointer,
  );
}

describe('validateSessionStatusResponse (endpoint 14, spec §3)', () => {
  it('accepts RUNNING, also with the empty result some servers send', () => {
    expect(validateSessionStatusResponse({ state: 'RUNNING' })).toEqual({ state: 'RUNNING' });
    expect(validateSessionStatusResponse({ state: 'RUNNING', result: {} })).toEqual({ state: 'RUNNING' });
  });

  it('accepts a complete OK authentication and normalises nothing away', () => {
    expect(validateSessionStatusResponse(authenticationOk())).toEqual(authenticationOk());
  });

  it('ignores unknown fields at every level, as the official client fixtures inject them', () => {
    const body = withSignature({ unknownField0001: 1 });
    const status = validateSessionStatusResponse({
      ...body,
      unknownField0002: {},
      result: { ...(body.result as object), unknownField0003: 'x' },
      cert: { ...CERT, unknownField0004: null },
    });
    expect(status).toEqual(authenticationOk());
  });

  it('accepts the documented refusal and certificate-choice examples', () => {
    expect(
      validateSessionStatusResponse({
        state: 'COMPLETE',
        result: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
      }),
    ).toEqual({
      state: 'COMPLETE',
      result: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
    });
    const choice = {
      state: 'COMPLETE',
      result: { endResult: 'OK', documentNumber: 'PNOEE-30001010004-BVFM-Q' },
      signature: { flowType: 'Web2App' },
      cert: CERT,
      interactionTypeUsed: 'confirmationMessage',
      deviceIpAddress: '203.0.113.34',
    };
    expect(validateSessionStatusResponse(choice)).toEqual(choice);
  });

  it('accepts a signing result with PKCS#1 v1.5 and no parameters', () => {
    const sign = {
      state: 'COMPLETE',
      result: { endResult: 'OK', documentNumber: 'PNOEE-40504040001-MOCK-Q' },
      signatureProtocol: 'RAW_DIGEST_SIGNATURE',
      signature: {
        value: SIGNATURE_VALUE,
        flowType: 'Notification',
        signatureAlgorithm: 'sha256WithRSAEncryption',
      },
      cert: CERT,
      interactionTypeUsed: 'displayTextAndPIN',
      ignoredProperties: ['testingIgnored'],
    };
    expect(validateSessionStatusResponse(sign)).toEqual(sign);
  });

  it('requires documentNumber, signature, cert and interactionTypeUsed when OK', () => {
    const { signature: _s, cert: _c, interactionTypeUsed: _i, ...body } = authenticationOk();
    expect(pointersOf({ ...body, result: { endResult: 'OK' } })).toEqual([
      '/result/documentNumber',
      '/signature',
      '/cert',
      '/interactionTypeUsed',
    ]);
  });

  it('requires the refused interaction, and only a v3 one', () => {
    const refused = { state: 'COMPLETE', result: { endResult: 'USER_REFUSED_INTERACTION' } };
    expect(pointersOf(refused)).toEqual(['/result/details']);
    expect(
      pointersOf({
        ...refused,
        result: { ...refused.result, details: { interaction: 'verificationCodeChoice' } },
      }),
    ).toEqual(['/result/details/interaction']);
  });

  it.each([
    ['a short serverRandom', { serverRandom: 'MTlop6EXCrQ6FOEr' }, '/signature/serverRandom'],
    [
      'a padded userChallenge',
      { userChallenge: `${acsp.fields.userChallenge.slice(0, 42)}=` },
      '/signature/userChallenge',
    ],
    ['an unknown flowType', { flowType: 'Email' }, '/signature/flowType'],
    ['a value that is not Base64', { value: 'not base64' }, '/signature/value'],
    [
      'PSS without parameters',
      { signatureAlgorithmParameters: null },
      '/signature/signatureAlgorithmParameters',
    ],
    [
      'a salt length other than the hash length',
      { signatureAlgorithmParameters: { ...buildSignatureAlgorithmParameters('SHA-512'), saltLength: 32 } },
      '/signature/signatureAlgorithmParameters/saltLength',
    ],
    [
      'an MGF1 hash other than the hash',
      {
        signatureAlgorithmParameters: {
          ...buildSignatureAlgorithmParameters('SHA-512'),
          maskGenAlgorithm: { algorithm: 'id-mgf1', parameters: { hashAlgorithm: 'SHA-256' } },
        },
      },
      '/signature/signatureAlgorithmParameters/maskGenAlgorithm/parameters/hashAlgorithm',
    ],
    [
      'a numeric trailer field',
      {
        signatureAlgorithmParameters: { ...buildSignatureAlgorithmParameters('SHA-512'), trailerField: 188 },
      },
      '/signature/signatureAlgorithmParameters/trailerField',
    ],
  ])('refuses %s', (_name, change, pointer) => {
    expect(pointersOf(withSignature(change))).toEqual([pointer]);
  });

  it('refuses an unknown state or endResult and a certificate level of QSCD', () => {
    expect(pointersOf({ state: 'DONE' })).toEqual(['/state']);
    expect(pointersOf({ state: 'COMPLETE', result: { endResult: 'MAYBE' } })).toEqual(['/result/endResult']);
    expect(pointersOf({ ...authenticationOk(), cert: { ...CERT, certificateLevel: 'QSCD' } })).toEqual([
      '/cert/certificateLevel',
    ]);
  });
});

describe('validateV2SessionStatusResponse (spec §8.1)', () => {
  const v2Ok = {
    state: 'COMPLETE',
    result: { endResult: 'OK', documentNumber: 'PNOEE-10101010005-Z1B2-Q' },
    signature: { value: SIGNATURE_VALUE, algorithm: 'sha512WithRSAEncryption' },
    cert: CERT,
    interactionFlowUsed: 'verificationCodeChoice',
  };

  it('accepts a v2 OK result, a v2 refusal and RUNNING with an empty result', () => {
    expect(validateV2SessionStatusResponse(v2Ok)).toEqual(v2Ok);
    const refused = { state: 'COMPLETE', result: { endResult: 'USER_REFUSED_VC_CHOICE' } };
    expect(validateV2SessionStatusResponse(refused)).toEqual(refused);
    expect(validateV2SessionStatusResponse({ state: 'RUNNING', result: {} })).toEqual({ state: 'RUNNING' });
  });

  it('refuses v3-only end results and a missing cert on OK', () => {
    expectProtocolError(
      () =>
        validateV2SessionStatusResponse({
          state: 'COMPLETE',
          result: { endResult: 'USER_REFUSED_INTERACTION' },
        }),
      'INVALID_RESPONSE',
    );
    const { cert: _c, ...noCert } = v2Ok;
    const error = expectProtocolError(() => validateV2SessionStatusResponse(noCert), 'INVALID_RESPONSE');
    expect(error.issues.map((i) => i.pointer)).toEqual(['/cert']);
  });
});
