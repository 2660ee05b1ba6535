/**
 * The relying party's side of the RP API v3 for end-to-end tests, over real HTTP: start sessions, make the
 * device link as an integrator's backend does, long-poll the status, and verify an OK authentication fully.
 */
import { constants, createVerify, X509Certificate } from 'node:crypto';
import { systemRandom } from '@tessera/crypto';
import {
  buildAcspV2Payload,
  buildDeviceLink,
  computeAuthenticationVerificationCode,
  DEFAULT_SCHEME_NAME,
  type DeviceLinkType,
  validateSessionStatusResponse,
} from '@tessera/protocol';
import { expect } from 'vitest';

export const DEMO_RP = { relyingPartyUUID: '00000000-0000-4000-8000-000000000000', relyingPartyName: 'DEMO' };

/** Standard Base64 of the minified JSON interactions. */
export const interactionsOf = (list: readonly object[]) =>
  Buffer.from(JSON.stringify(list)).toString('base64');

export const LOGIN_INTERACTIONS = interactionsOf([
  { type: 'displayTextAndPIN', displayText60: 'Log in to DEMO?' },
]);

/** A device-link authentication the RP started. */
export interface RpDeviceLinkSession {
  readonly sessionID: string;
  readonly sessionSecret: string;
  readonly rpChallenge: string;
  readonly interactions: string;
  readonly initialCallbackUrl?: string;
  /** The link as shown now (QR) or opened (Web2App, App2App). */
  link(type: DeviceLinkType, elapsedSeconds?: number): string;
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Starts an anonymous device-link authentication (rsassa-pss with `hash`). */
export async function startDeviceLinkAuthentication(
  server: string,
  options: {
    interactions?: string;
    initialCallbackUrl?: string;
    hash?: string;
    signatureAlgorithm?: string;
    requestProperties?: Record<string, unknown>;
    rp?: { relyingPartyUUID: string; relyingPartyName: string; brokeredRpName?: string };
  } = {},
): Promise<RpDeviceLinkSession> {
  const rpChallenge = Buffer.from(systemRandom(64)).toString('base64');
  const interactions = options.interactions ?? LOGIN_INTERACTIONS;
  const signatureAlgorithm = options.signatureAlgorithm ?? 'rsassa-pss';
  const rp = options.rp ?? DEMO_RP;
  const res = await post(`${server}/v3/authentication/device-link/anonymous`, {
    ...rp,
    ...(options.requestProperties === undefined ? {} : { requestProperties: options.requestProperties }),
    signatureProtocol: 'ACSP_V2',
    signatureProtocolParameters: {
      rpChallenge,
      signatureAlgorithm,
      ...(signatureAlgorithm === 'rsassa-pss'
        ? { signatureAlgorithmParameters: { hashAlgorithm: options.hash ?? 'SHA-512' } }
        : {}),
    },
    interactions,
    ...(options.initialCallbackUrl === undefined ? {} : { initialCallbackUrl: options.initialCallbackUrl }),
  });
  expect(res.status).toBe(200);
  const { sessionID, sessionToken, sessionSecret, deviceLinkBase } = (await res.json()) as Record<
    string,
    string
  >;
  return {
    sessionID: sessionID as string,
    sessionSecret: sessionSecret as string,
    rpChallenge,
    interactions,
    ...(options.initialCallbackUrl === undefined ? {} : { initialCallbackUrl: options.initialCallbackUrl }),
    link: (deviceLinkType, elapsedSeconds = 0) =>
      buildDeviceLink(
        {
          deviceLinkBase: deviceLinkBase as string,
          sessionToken: sessionToken as string,
          sessionType: 'auth',
          lang: 'eng',
          ...(deviceLinkType === 'QR'
            ? { deviceLinkType, elapsedSeconds }
            : { deviceLinkType: deviceLinkType as 'Web2App' | 'App2App' }),
        },
        {
          sessionType: 'auth',
          schemeName: DEFAULT_SCHEME_NAME,
          relyingPartyName: rp.relyingPartyName,
          ...('brokeredRpName' in rp ? { brokeredRpName: rp.brokeredRpName as string } : {}),
          rpChallenge,
          interactions,
          ...(deviceLinkType === 'QR' || options.initialCallbackUrl === undefined
            ? {}
            : { initialCallbackUrl: options.initialCallbackUrl }),
        },
        sessionSecret as string,
      ),
  };
}

/** One long-poll of the session status, validated against the spec's response schema. */
export async function pollSession(server: string, sessionID: string, timeoutMs = 1000) {
  const res = await fetch(`${server}/v3/session/${sessionID}?timeoutMs=${timeoutMs}`);
  expect(res.status).toBe(200);
  return validateSessionStatusResponse(await res.json());
}

/**
 * Checks an OK authentication as an RP must: the ACSP_V2 signature verifies with the certificate's key over the
 * payload rebuilt from the RP's own request and the response's serverRandom, userChallenge and flowType.
 */
export function verifyAuthentication(
  status: Awaited<ReturnType<typeof pollSession>>,
  session: { rpChallenge: string; interactions: string; initialCallbackUrl?: string },
  rp: { relyingPartyName: string; brokeredRpName?: string } = DEMO_RP,
): X509Certificate {
  const s = status as unknown as {
    result: { endResult: string };
    signature: {
      value: string;
      serverRandom: string;
      userChallenge: string;
      flowType: string;
      signatureAlgorithm: string;
      signatureAlgorithmParameters: { hashAlgorithm: string; saltLength: number };
    };
    cert: { value: string };
    interactionTypeUsed: string;
  };
  expect(s.result.endResult).toBe('OK');
  const certificate = new X509Certificate(Buffer.from(s.cert.value, 'base64'));
  const payload = buildAcspV2Payload({
    schemeName: DEFAULT_SCHEME_NAME,
    serverRandom: s.signature.serverRandom,
    rpChallenge: session.rpChallenge,
    userChallenge: s.signature.userChallenge,
    relyingPartyName: rp.relyingPartyName,
    brokeredRpName: rp.brokeredRpName,
    interactions: session.interactions,
    interactionTypeUsed: s.interactionTypeUsed as 'displayTextAndPIN',
    initialCallbackUrl: session.initialCallbackUrl,
    flowType: s.signature.flowType as 'QR',
  });
  const pss = s.signature.signatureAlgorithm === 'rsassa-pss';
  const named = /^sha(256|384|512)WithRSAEncryption$/.exec(s.signature.signatureAlgorithm);
  const hash = pss
    ? s.signature.signatureAlgorithmParameters.hashAlgorithm.replace('SHA3-', 'sha3-').replace('SHA-', 'sha')
    : `sha${named![1]}`;
  const verifier = createVerify(hash);
  verifier.update(payload);
  const ok = verifier.verify(
    pss
      ? {
          key: certificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: s.signature.signatureAlgorithmParameters.saltLength,
        }
      : { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(s.signature.value, 'base64'),
  );
  expect(ok).toBe(true);
  return certificate;
}

/** A notification authentication the RP started, with the code it shows (computed from its rpChallenge). */
export interface RpNotificationSession {
  readonly sessionID: string;
  readonly rpChallenge: string;
  readonly interactions: string;
  readonly verificationCode: string;
}

/** Starts a notification authentication by semantics identifier (`etsi`) or document number. */
export async function startNotificationAuthentication(
  server: string,
  addressee: { etsi: string } | { document: string },
  options: { interactions?: string; hash?: string; certificateLevel?: string } = {},
): Promise<RpNotificationSession> {
  const rpChallenge = Buffer.from(systemRandom(64)).toString('base64');
  const interactions = options.interactions ?? LOGIN_INTERACTIONS;
  const path = 'etsi' in addressee ? `etsi/${addressee.etsi}` : `document/${addressee.document}`;
  const res = await post(`${server}/v3/authentication/notification/${path}`, {
    ...DEMO_RP,
    signatureProtocol: 'ACSP_V2',
    signatureProtocolParameters: {
      rpChallenge,
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: { hashAlgorithm: options.hash ?? 'SHA-512' },
    },
    interactions,
    vcType: 'numeric4',
    ...(options.certificateLevel === undefined ? {} : { certificateLevel: options.certificateLevel }),
  });
  const body = (await res.json()) as { sessionID: string };
  if (res.status !== 200) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status, body });
  return {
    sessionID: body.sessionID,
    rpChallenge,
    interactions,
    verificationCode: computeAuthenticationVerificationCode(rpChallenge),
  };
}
