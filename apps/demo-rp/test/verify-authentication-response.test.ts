/**
 * The demo relying party's checks over a recorded OK QR login (fixtures/qr-login.json, from a Tessera sandbox
 * server): it is accepted as recorded, and each tampered field, each mismatch with our own request and an
 * untrusted chain is refused with a sentence naming the check.
 */
import { readFileSync } from 'node:fs';
import type { CompleteSessionStatus } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import {
  type AuthenticationExpectations,
  verifyAuthenticationResponse,
} from '../src/verify-authentication-response.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/qr-login.json', import.meta.url), 'utf8'));
const status = (): CompleteSessionStatus => structuredClone(fixture.status);
const expected = (): AuthenticationExpectations => ({
  schemeName: fixture.request.schemeName,
  relyingPartyName: fixture.request.relyingPartyName,
  rpChallenge: fixture.request.rpChallenge,
  interactions: fixture.request.interactions,
  offeredFlowTypes: ['QR'],
  hashAlgorithm: fixture.request.hashAlgorithm,
  certificateLevel: 'QUALIFIED',
  trustedChainPem: fixture.chainPem,
  now: new Date(fixture.recordedAt),
});
type Signature = { value: string; serverRandom: string; userChallenge: string; flowType: string };
const signatureOf = (s: CompleteSessionStatus) => s.signature as unknown as Signature;

describe('verifyAuthenticationResponse', () => {
  it('accepts the recorded login and names the person from the certificate', async () => {
    expect(await verifyAuthenticationResponse(status(), expected())).toEqual({
      documentNumber: fixture.status.result.documentNumber,
      semanticsIdentifier: 'PNOEE-30303039914',
      givenName: 'MARY',
      surname: 'SMITH',
    });
  });

  it.each([
    [
      'a flipped signature bit',
      (s: CompleteSessionStatus) => {
        const v = Buffer.from(signatureOf(s).value, 'base64');
        v[10]! ^= 1;
        signatureOf(s).value = v.toString('base64');
      },
      /signature does not verify/,
    ],
    [
      'another serverRandom',
      (s: CompleteSessionStatus) => {
        signatureOf(s).serverRandom = Buffer.alloc(18, 1).toString('base64');
      },
      /signature does not verify/,
    ],
    [
      'another userChallenge',
      (s: CompleteSessionStatus) => {
        signatureOf(s).userChallenge = 'A'.repeat(43);
      },
      /signature does not verify/,
    ],
    [
      'a flow type that was not offered',
      (s: CompleteSessionStatus) => {
        signatureOf(s).flowType = 'Web2App';
      },
      /not offered/,
    ],
    [
      'another document number',
      (s: CompleteSessionStatus) => {
        s.result.documentNumber = 'PNOEE-30303039914-ZZZZ-Q';
      },
      /not for the document number/,
    ],
    [
      'an ADVANCED certificate level',
      (s: CompleteSessionStatus) => {
        s.cert!.certificateLevel = 'ADVANCED';
      },
      /QUALIFIED certificate was asked/,
    ],
    [
      'a non-OK result',
      (s: CompleteSessionStatus) => {
        s.result = { endResult: 'USER_REFUSED' };
      },
      /ended USER_REFUSED/,
    ],
  ] as const)('refuses %s', async (_name, tamper, message) => {
    const s = status();
    tamper(s);
    await expect(verifyAuthenticationResponse(s, expected())).rejects.toThrow(message);
  });

  it('refuses a response to another request, another hash, or outside the certificate validity', async () => {
    await expect(
      verifyAuthenticationResponse(status(), {
        ...expected(),
        rpChallenge: Buffer.alloc(64, 7).toString('base64'),
      }),
    ).rejects.toThrow(/signature does not verify/);
    await expect(
      verifyAuthenticationResponse(status(), { ...expected(), hashAlgorithm: 'SHA-256' }),
    ).rejects.toThrow(/not rsassa-pss with SHA-256/);
    await expect(
      verifyAuthenticationResponse(status(), { ...expected(), now: new Date('2040-01-01T00:00:00Z') }),
    ).rejects.toThrow(/does not chain to the trusted CA/);
  });

  it('refuses a certificate that does not chain to the trusted CA', async () => {
    const rootOnly = fixture.chainPem
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .filter((b: string) => b.includes('BEGIN'))
      .slice(-1)
      .join('');
    const withoutIssuer = { ...expected(), trustedChainPem: rootOnly };
    await expect(verifyAuthenticationResponse(status(), withoutIssuer)).rejects.toThrow(/does not chain/);
  });
});
