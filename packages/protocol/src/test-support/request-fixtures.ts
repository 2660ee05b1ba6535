/**
 * Request bodies as official clients put them on the wire (spec §2.1: the PHP v3 client's captured requests),
 * for the validator tests. Fresh copies on every call, so tests may change them.
 */

export const RP_UUID = '00000000-0000-4000-8000-000000000000';
export const RP_CHALLENGE = 'DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=';
export const SHA512_DIGEST =
  'FNZFFya5wGLv9b27fZngaWrOBqle4tGwxZuDFRBdPl1RQvxJsfoqvTbjafd+8BcehMOQGvak6zlP+F8tga4bfQ==';
export const SHA256_DIGEST = 'DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=';
/** `[{"type":"displayTextAndPIN","displayText60":"Log in?"}]` */
export const PIN_INTERACTIONS =
  'W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbj8ifV0=';
/** `[{"type":"confirmationMessageAndVerificationCodeChoice","displayText200":"Log in to self-service?"}]` */
export const VC_CHOICE_INTERACTIONS =
  'W3sidHlwZSI6ImNvbmZpcm1hdGlvbk1lc3NhZ2VBbmRWZXJpZmljYXRpb25Db2RlQ2hvaWNlIiwiZGlzcGxheVRleHQyMDAiOiJMb2cgaW4gdG8gc2VsZi1zZXJ2aWNlPyJ9XQ==';

/** The PHP v3 client's `POST /v3/authentication/device-link/anonymous` body, parsed from its wire JSON. */
export function deviceLinkAuthenticationBody(): Record<string, unknown> {
  return JSON.parse(
    '{"relyingPartyUUID":"00000000-0000-4000-8000-000000000000","relyingPartyName":"DEMO","signatureProtocol":"ACSP_V2","signatureProtocolParameters":{"rpChallenge":"DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=","signatureAlgorithm":"rsassa-pss","signatureAlgorithmParameters":{"hashAlgorithm":"SHA-512"}},"interactions":"W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbj8ifV0=","initialCallbackUrl":"https:\\/\\/rp.example.com\\/cb?value=abc"}',
  );
}

/** The PHP v3 client's notification authentication body (same fields, VC-choice interactions, `vcType`). */
export function notificationAuthenticationBody(): Record<string, unknown> {
  const { initialCallbackUrl: _callback, ...body } = deviceLinkAuthenticationBody();
  return { ...body, interactions: VC_CHOICE_INTERACTIONS, vcType: 'numeric4' };
}

/** A device-link signing body with RSASSA-PSS over a SHA-512 digest. */
export function deviceLinkSignatureBody(): Record<string, unknown> {
  return {
    relyingPartyUUID: RP_UUID,
    relyingPartyName: 'DEMO',
    certificateLevel: 'QSCD',
    signatureProtocol: 'RAW_DIGEST_SIGNATURE',
    signatureProtocolParameters: {
      digest: SHA512_DIGEST,
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: { hashAlgorithm: 'SHA3-512' },
    },
    nonce: 'cafe',
    interactions: PIN_INTERACTIONS,
    initialCallbackUrl: 'https://rp.example.com/sign?value=1',
  };
}
