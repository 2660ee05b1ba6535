/**
 * The spec's published vectors (RP API digest §4.2–4.4, §5.1), produced through the SDK's own API with the
 * vectors' inputs injected: a fake server answers with the vector's session token and secret, the random source
 * gives the vector's rpChallenge, the clock gives its elapsed seconds.
 */
import authCode from '@tessera/protocol/vectors/auth-code.json' with { type: 'json' };
import callback from '@tessera/protocol/vectors/callback.json' with { type: 'json' };
import verificationCodes from '@tessera/protocol/vectors/verification-codes.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createRpClient, RpClientError, verifyCallbackUrl } from '../src/index.js';
import { TEST_TRUST_ANCHOR_PEM } from './support/test-trust-anchor.js';

const { inputs } = authCode;
const START = new Date('2026-11-22T12:00:00Z');

/** A client whose server answers every start with the vector's device-link material and records the bodies. */
function vectorClient(rpChallenge: string) {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const client = createRpClient({
    baseUrl: 'https://rp-api.example',
    relyingPartyUUID: '00000000-0000-4000-8000-000000000000',
    relyingPartyName: inputs.relyingPartyName,
    schemeName: inputs.schemeName,
    trustedCertificates: TEST_TRUST_ANCHOR_PEM,
    now: () => START,
    random: (length) => {
      const bytes = Buffer.from(rpChallenge, 'base64');
      if (length !== bytes.length) throw new Error(`unexpected random request of ${length} bytes`);
      return new Uint8Array(bytes);
    },
    fetch: async (url, init) => {
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return Response.json({
        sessionID: 'de305d54-75b4-431b-adb2-eb6b9e546014',
        sessionToken: inputs.sessionToken,
        sessionSecret: inputs.sessionSecret,
        deviceLinkBase: inputs.deviceLinkBase,
        vc: { type: 'numeric4', value: '4927' },
      });
    },
  });
  return { client, sent };
}

const interactions = JSON.parse(Buffer.from(inputs.interactions, 'base64').toString('utf8'));
const unbrokered = (deviceLinkType: string, sessionType: string) =>
  authCode.cases.find(
    (c) => !c.brokered && c.deviceLinkType === deviceLinkType && c.sessionType === sessionType,
  )?.authCode;

describe('the spec vectors through the SDK', () => {
  it('sends the interactions exactly as the vector encodes them', async () => {
    const { client, sent } = vectorClient(inputs.rpChallenge);
    const session = await client.startDeviceLinkAuthentication({
      interactions,
      initialCallbackUrl: inputs.initialCallbackUrl,
    });
    expect(session.request.interactions).toBe(inputs.interactions);
    expect(sent[0]?.url).toBe('https://rp-api.example/v3/authentication/device-link/anonymous');
    expect(sent[0]?.body).toMatchObject({
      signatureProtocolParameters: { rpChallenge: inputs.rpChallenge },
      initialCallbackUrl: inputs.initialCallbackUrl,
    });
  });

  it.each(['auth', 'sign', 'cert'] as const)(
    'builds the %s device links with the vector authCodes',
    async (type) => {
      const { client } = vectorClient(inputs.rpChallenge);
      const session =
        type === 'auth'
          ? await client.startDeviceLinkAuthentication({
              interactions,
              initialCallbackUrl: inputs.initialCallbackUrl,
            })
          : type === 'sign'
            ? await client.startDeviceLinkSignature({
                target: { documentNumber: 'PNOEE-40504040001-MOCK-Q' },
                digest: new Uint8Array(Buffer.from(inputs.digest, 'base64')),
                hashAlgorithm: 'SHA-512',
                interactions,
                initialCallbackUrl: inputs.initialCallbackUrl,
              })
            : await client.startDeviceLinkCertificateChoice({
                initialCallbackUrl: inputs.initialCallbackUrl,
              });
      const link = (deviceLinkType: 'QR' | 'Web2App' | 'App2App') =>
        deviceLinkType === 'QR'
          ? client.qrCodeLink(session, { at: new Date(START.getTime() + inputs.qrElapsedSeconds * 1000) })
          : client.deviceLink(session, deviceLinkType);
      for (const deviceLinkType of ['QR', 'Web2App', 'App2App'] as const) {
        const elapsed = deviceLinkType === 'QR' ? `&elapsedSeconds=${inputs.qrElapsedSeconds}` : '';
        expect(link(deviceLinkType)).toBe(
          `${inputs.deviceLinkBase}?deviceLinkType=${deviceLinkType}${elapsed}&sessionToken=${inputs.sessionToken}` +
            `&sessionType=${type}&version=1.0&lang=eng&authCode=${unbrokered(deviceLinkType, type)}`,
        );
      }
    },
  );

  it('computes the notification authentication verification code of the vector rpChallenge', async () => {
    const [vector] = verificationCodes.authentication;
    const { client } = vectorClient(vector!.rpChallenge);
    const session = await client.startNotificationAuthentication({
      target: { semanticsIdentifier: 'PNOEE-30303039914' },
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }],
    });
    expect(session.verificationCode).toBe(vector!.verificationCode);
  });

  it('shows the server-chosen verification code of a notification signature', async () => {
    const { client } = vectorClient(inputs.rpChallenge);
    const session = await client.startNotificationSignature({
      target: { documentNumber: 'PNOEE-40504040001-MOCK-Q' },
      digest: new Uint8Array(32),
      hashAlgorithm: 'SHA-256',
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Sign?' }],
    });
    expect(session.verificationCode).toBe('4927');
  });

  it('accepts the documented callback URL and refuses it altered', () => {
    const expected = {
      initialCallbackUrl: callback.initialCallbackUrl,
      sessionSecret: callback.sessionSecret,
      userChallenge: callback.userChallenge,
    };
    expect(() =>
      verifyCallbackUrl({ ...expected, received: callback.authenticationCallbackUrl }),
    ).not.toThrow();
    for (const altered of [
      callback.authenticationCallbackUrl.replace('value=RrKj', 'value=XrKj'),
      callback.authenticationCallbackUrl.replace('XtPfaGa8', 'YtPfaGa8'),
      callback.authenticationCallbackUrl.replace('U4CKK13H', 'V4CKK13H'),
      callback.authenticationCallbackUrl.replace('https://rp.example.com/', 'https://evil.example/'),
      `${callback.authenticationCallbackUrl}&extra=1`,
    ]) {
      expect(() => verifyCallbackUrl({ ...expected, received: altered })).toThrow(RpClientError);
    }
  });
});
