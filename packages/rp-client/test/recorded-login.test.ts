/**
 * The SDK's checks over a recorded OK QR login (fixtures/qr-login.json, from a Tessera sandbox server), offline:
 * the session is rebuilt as plain data from the recorded request, a fake server answers the recorded status, and
 * the clock is pinned to the recording. Accepted as recorded; each tampered field, each mismatch with our own
 * request and an untrusted chain is refused with a sentence naming the check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRpClient, type DeviceLinkSession, type RpClientOptions } from '../src/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/qr-login.json', import.meta.url), 'utf8'));
type Status = Record<string, any>;

function session(overrides: { rpChallenge?: string; hashAlgorithm?: string } = {}): DeviceLinkSession {
  return {
    api: 'v3',
    kind: 'authentication',
    flow: 'device-link',
    sessionID: 'de305d54-75b4-431b-adb2-eb6b9e546014',
    target: { anonymous: true },
    offeredFlowTypes: ['QR'],
    request: {
      relyingPartyUUID: '00000000-0000-4000-8000-000000000000',
      relyingPartyName: fixture.request.relyingPartyName,
      signatureProtocol: 'ACSP_V2',
      signatureProtocolParameters: {
        rpChallenge: overrides.rpChallenge ?? fixture.request.rpChallenge,
        signatureAlgorithm: 'rsassa-pss',
        signatureAlgorithmParameters: {
          hashAlgorithm: (overrides.hashAlgorithm ?? fixture.request.hashAlgorithm) as 'SHA-512',
        },
      },
      interactions: fixture.request.interactions,
    },
    sessionToken: 'wGIrqveE6AuGDATZKmR1mtAZ',
    sessionSecret: 'B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=',
    deviceLinkBase: 'https://127.0.0.1:8080/device-link',
    receivedAt: Date.parse(fixture.recordedAt),
  } as DeviceLinkSession;
}

function clientAnswering(status: Status, options: Partial<RpClientOptions> = {}) {
  return createRpClient({
    baseUrl: 'http://127.0.0.1:8080',
    relyingPartyUUID: '00000000-0000-4000-8000-000000000000',
    relyingPartyName: fixture.request.relyingPartyName,
    schemeName: fixture.request.schemeName,
    trustedCertificates: fixture.chainPem,
    now: () => new Date(fixture.recordedAt),
    fetch: async () => Response.json(status),
    ...options,
  });
}

const recorded = (): Status => structuredClone(fixture.status);

describe('a recorded login', () => {
  it('is accepted as recorded, naming the person from the certificate', async () => {
    const outcome = await clientAnswering(recorded()).awaitOutcome(session());
    expect(outcome).toMatchObject({
      endResult: 'OK',
      documentNumber: fixture.status.result.documentNumber,
      flowType: 'QR',
      identity: {
        semanticsIdentifier: 'PNOEE-30303039914',
        identityType: 'PNO',
        country: 'EE',
        identityNumber: '30303039914',
        givenName: 'MARY',
        surname: 'SMITH',
        dateOfBirth: '1990-03-03',
      },
    });
  });

  it.each([
    [
      'a flipped signature bit',
      (s: Status) => {
        const v = Buffer.from(s.signature.value, 'base64');
        v[10] = (v[10] ?? 0) ^ 1;
        s.signature.value = v.toString('base64');
      },
      /signature does not verify/,
    ],
    [
      'another serverRandom',
      (s: Status) => {
        s.signature.serverRandom = Buffer.alloc(18, 1).toString('base64');
      },
      /signature does not verify/,
    ],
    [
      'another userChallenge',
      (s: Status) => {
        s.signature.userChallenge = 'A'.repeat(43);
      },
      /signature does not verify/,
    ],
    [
      'a flow type that was not offered',
      (s: Status) => {
        s.signature.flowType = 'Web2App';
      },
      /not one offered/,
    ],
    [
      'another document number',
      (s: Status) => {
        s.result.documentNumber = 'PNOEE-30303039914-ZZZZ-Q';
      },
      /not for the document number/,
    ],
    [
      'an ADVANCED certificate level',
      (s: Status) => {
        s.cert.certificateLevel = 'ADVANCED';
      },
      /ADVANCED; QUALIFIED was requested/,
    ],
  ] as const)('is refused with %s', async (_name, tamper, message) => {
    const status = recorded();
    tamper(status);
    await expect(clientAnswering(status).awaitOutcome(session())).rejects.toThrow(message);
  });

  it('is refused as the answer to another request, another hash, or outside the certificate validity', async () => {
    const client = clientAnswering(recorded());
    await expect(
      client.awaitOutcome(session({ rpChallenge: Buffer.alloc(64, 7).toString('base64') })),
    ).rejects.toThrow(/signature does not verify/);
    await expect(client.awaitOutcome(session({ hashAlgorithm: 'SHA-256' }))).rejects.toThrow(
      /PSS parameters are not those of SHA-256/,
    );
    const later = clientAnswering(recorded(), { now: () => new Date('2040-01-01T00:00:00Z') });
    await expect(later.awaitOutcome(session())).rejects.toThrow(/does not chain to a trusted CA/);
  });

  it('is refused when the trusted certificates lack its issuing CA', async () => {
    const rootOnly = fixture.chainPem
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .filter((b: string) => b.includes('BEGIN'))
      .slice(-1)
      .join('');
    await expect(
      clientAnswering(recorded(), { trustedCertificates: rootOnly }).awaitOutcome(session()),
    ).rejects.toThrow(/does not chain/);
  });

  it('reports a refusal as data, with who must act', async () => {
    const status = { state: 'COMPLETE', result: { endResult: 'USER_REFUSED' } };
    expect(await clientAnswering(status).awaitOutcome(session())).toEqual({
      endResult: 'USER_REFUSED',
      actor: 'user',
      message: 'The person refused in the app.',
    });
  });
});
