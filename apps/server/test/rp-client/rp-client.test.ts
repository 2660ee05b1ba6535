/**
 * The relying-party SDK (`@tessera/rp-client`) against the whole server: every flow through the SDK — device-link
 * and notification authentication, signing by identifier and by document with every algorithm, certificate choice
 * both ways with the linked signature, the synchronous signing certificate, v2 authentication — and every sandbox
 * account with its published outcome, identity and date of birth. Signatures are checked again with node:crypto
 * and openssl; tampered responses, foreign trust anchors and failed calls end in the right error for the right
 * actor.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_DEMO_RELYING_PARTY } from '@tessera/core';
import {
  type Authentication,
  createRpClient,
  encodeQrCode,
  type QrCode,
  type RpClient,
  RpClientError,
  type RpClientOptions,
  renderQrCodeSvg,
  type SessionOutcome,
  type Signature,
} from '@tessera/rp-client';
import { openssl, tempFiles } from '@tessera/test-support';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCRIPTED_TEST_ACCOUNTS,
  type ScriptedTestAccount,
} from '../../src/sandbox/scripted-test-accounts.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { createSoftwareCa } from '../support/software-ca.js';

let server: TestIdentityServer;
let trustedCertificates: string;
let rp: RpClient;
const files = tempFiles();
const LOGIN = [{ type: 'displayTextAndPIN', displayText60: 'Log in to the SDK test?' }] as const;
const SIGN = [{ type: 'confirmationMessage', displayText200: 'Sign the SDK test contract?' }] as const;

beforeAll(async () => {
  server = await startTestIdentityServer({ TESSERA_SANDBOX_TIMEOUT_MS: '300' }, 'pglite', {
    scriptedAccounts: SCRIPTED_TEST_ACCOUNTS,
  });
  trustedCertificates = await (await fetch(`${server.url}/pki/ca-chain.pem`)).text();
  rp = client();
}, 180_000);
afterAll(async () => {
  await server?.close();
  files.cleanup();
});

function client(options: Partial<RpClientOptions> = {}): RpClient {
  return createRpClient({
    baseUrl: server.url,
    relyingPartyUUID: SANDBOX_DEMO_RELYING_PARTY.id,
    relyingPartyName: 'DEMO',
    trustedCertificates,
    pollTimeoutMs: 5000,
    ...options,
  });
}

// jsqr is CommonJS whose module.exports is the function; its types describe it as an ES default export.
const jsQR = jsQRModule as unknown as typeof import('jsqr')['default'];

/** What a camera would read from the code: the modules drawn 4 px each inside a 4-module quiet zone. */
function scan(code: QrCode): string | undefined {
  const scale = 4;
  const side = (code.size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  code.modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    });
  });
  return jsQR(pixels, side, side)?.data;
}

function semanticsIdentifierOf(documentNumber: string): string {
  return documentNumber.replace(/-[A-Z0-9]{4}-N?Q$/, '');
}

async function mockDeviceLink(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}/mock/device-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
}

function ok<T extends { endResult: 'OK' }>(outcome: SessionOutcome<T>): T {
  if (outcome.endResult !== 'OK')
    throw new Error(`Expected OK, got ${outcome.endResult}: ${JSON.stringify(outcome)}`);
  return outcome as T;
}

const HASH_OF = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
} as const;

/** Checks a signature once more outside the SDK: openssl pkeyutl over the digest with the certificate's key. */
async function opensslVerifies(signature: Signature, digest: Uint8Array): Promise<boolean> {
  const certificate = new X509Certificate(Buffer.from(signature.certificate.value, 'base64'));
  const dir = files.path(`sig-${Math.random().toString(36).slice(2)}`);
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/key.pem`, certificate.publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(`${dir}/digest`, digest);
  await writeFile(`${dir}/sig`, Buffer.from(signature.value, 'base64'));
  const pss = signature.signatureAlgorithm === 'rsassa-pss';
  const result = await openssl([
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    `${dir}/key.pem`,
    '-in',
    `${dir}/digest`,
    '-sigfile',
    `${dir}/sig`,
    '-pkeyopt',
    `digest:${HASH_OF[signature.hashAlgorithm]}`,
    ...(pss ? ['-pkeyopt', 'rsa_padding_mode:pss', '-pkeyopt', 'rsa_pss_saltlen:digest'] : []),
  ]);
  return result.code === 0;
}

describe('every sandbox account through the SDK', () => {
  const accounts = SCRIPTED_TEST_ACCOUNTS.filter((a) => a.otherAccountOf === undefined);

  function expectPublished(account: ScriptedTestAccount, outcome: SessionOutcome<Authentication>) {
    switch (account.answer.kind) {
      case 'confirm': {
        const done = ok(outcome);
        expect(done.documentNumber).toBe(account.documentNumber);
        expect(done.identity).toEqual({
          semanticsIdentifier: semanticsIdentifierOf(account.documentNumber),
          identityType: 'PNO',
          country: account.documentNumber.slice(3, 5),
          identityNumber: semanticsIdentifierOf(account.documentNumber).slice(6),
          givenName: account.givenName,
          surname: account.surname,
          dateOfBirth: account.dateOfBirth,
        });
        expect(done.certificate.certificateLevel).toBe(
          account.documentNumber.endsWith('-NQ') ? 'ADVANCED' : 'QUALIFIED',
        );
        return;
      }
      case 'timeout':
        expect(outcome).toMatchObject({ endResult: 'TIMEOUT', actor: 'user' });
        return;
      case 'refuse-device-choice':
        expect(outcome).toMatchObject({ endResult: 'USER_REFUSED_CERT_CHOICE', actor: 'user' });
        return;
      case 'end': {
        const { endResult, details } = account.answer.end as {
          endResult: string;
          details?: { interaction: string };
        };
        expect(outcome).toMatchObject({
          endResult,
          actor: 'user',
          ...(details ? { interaction: details.interaction } : {}),
        });
      }
    }
  }

  it.each(accounts.map((a) => [a.documentNumber, a] as const))(
    '%s: notification authentication by document number gives the published outcome and identity',
    async (documentNumber, account) => {
      const certificateLevel = documentNumber.endsWith('-NQ') ? 'ADVANCED' : 'QUALIFIED';
      const session = await rp.startNotificationAuthentication({
        target: { documentNumber },
        interactions: [{ type: 'confirmationMessageAndVerificationCodeChoice', displayText200: 'Log in?' }],
        certificateLevel,
      });
      expect(session.verificationCode).toMatch(/^\d{4}$/);
      const end =
        account.answer.kind === 'end' ? (account.answer.end as { details?: { interaction: string } }) : {};
      if (end.details?.interaction === 'verificationCodeChoice') {
        // The published row answers with an interaction v3 does not have; like the official clients, the SDK
        // refuses to read it.
        await expect(rp.awaitOutcome(session)).rejects.toMatchObject({
          code: 'MALFORMED_RESPONSE',
          actor: 'integration',
        });
        return;
      }
      expectPublished(account, await rp.awaitOutcome(session));
    },
  );

  it.each(accounts.filter((a) => a.row.startsWith('device link')).map((a) => [a.documentNumber] as const))(
    '%s: QR device-link authentication resolved by the mock gives OK with the identity',
    async (documentNumber) => {
      const session = await rp.startDeviceLinkAuthentication({
        interactions: LOGIN,
        certificateLevel: documentNumber.endsWith('-NQ') ? 'ADVANCED' : 'QUALIFIED',
      });
      await mockDeviceLink({ documentNumber, deviceLink: rp.qrCodeLink(session), flowType: 'QR' });
      const done = ok(await rp.awaitOutcome(session));
      expect(done).toMatchObject({
        documentNumber,
        flowType: 'QR',
        interactionTypeUsed: 'displayTextAndPIN',
      });
    },
  );
});

describe('authentication flows', () => {
  it('Web2App and App2App: the mock requests our callback, and the SDK accepts the outcome only with that callback URL', async () => {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const callbackServer = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      response.end('welcome back');
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    try {
      const initialCallbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback?value=RrKjjT4aggzu27YBddX1bQ`;
      for (const flowType of ['Web2App', 'App2App'] as const) {
        const session = await rp.startDeviceLinkAuthentication({ interactions: LOGIN, initialCallbackUrl });
        await mockDeviceLink({
          documentNumber: 'PNOLV-040404-10003-DEMO-Q',
          deviceLink: rp.deviceLink(session, flowType),
          flowType,
          browserCookie: 'rp-session=42',
          initialCallbackUrl,
        });
        expect(seen.at(-1)?.headers.cookie).toBe('rp-session=42');
        const callbackUrl = new URL(seen.at(-1)?.url ?? '/', initialCallbackUrl);
        rp.verifyCallback(session, callbackUrl);
        await expect(rp.awaitOutcome(session)).rejects.toMatchObject({ code: 'RESPONSE_REJECTED' });
        const forged = new URL(callbackUrl);
        forged.searchParams.set('userChallengeVerifier', 'XtPfaGa8JnGtYrJjboooUf0KfY9sMEHrWFpSQrsUv9c');
        await expect(rp.awaitOutcome(session, { callbackUrl: forged })).rejects.toMatchObject({
          code: 'CALLBACK_REJECTED',
        });
        const otherValue = new URL(callbackUrl);
        otherValue.searchParams.set('value', 'someone-else');
        expect(() => rp.verifyCallback(session, otherValue)).toThrow(RpClientError);
        const done = ok(await rp.awaitOutcome(session, { callbackUrl }));
        expect(done).toMatchObject({ flowType, documentNumber: 'PNOLV-040404-10003-DEMO-Q' });
      }
    } finally {
      callbackServer.close();
    }
  });

  it('device-link authentication addressed to a person and to a document answers for that person only', async () => {
    const bySemantics = await rp.startDeviceLinkAuthentication({
      interactions: LOGIN,
      target: { semanticsIdentifier: 'PNOEE-40404040009' },
    });
    await mockDeviceLink({
      documentNumber: 'PNOEE-40404040009-MOCK-Q',
      deviceLink: rp.qrCodeLink(bySemantics),
      flowType: 'QR',
    });
    expect(ok(await rp.awaitOutcome(bySemantics)).identity.semanticsIdentifier).toBe('PNOEE-40404040009');
    const byDocument = await rp.startDeviceLinkAuthentication({
      interactions: LOGIN,
      target: { documentNumber: 'PNOLT-40404040009-MOCK-Q' },
    });
    await mockDeviceLink({
      documentNumber: 'PNOLT-40404040009-MOCK-Q',
      deviceLink: rp.qrCodeLink(byDocument),
      flowType: 'QR',
    });
    expect(ok(await rp.awaitOutcome(byDocument)).documentNumber).toBe('PNOLT-40404040009-MOCK-Q');
  });

  it('shows a QR code that changes every second and scans back to the current link', async () => {
    const session = await rp.startDeviceLinkAuthentication({ interactions: LOGIN });
    const at = (seconds: number) => new Date(session.receivedAt + seconds * 1000);
    expect(rp.qrCodeLink(session, { at: at(0) })).toContain('elapsedSeconds=0&');
    expect(rp.qrCodeLink(session, { at: at(1.5) })).toContain('elapsedSeconds=1&');
    expect(rp.qrCodeSvg(session, { at: at(0) })).not.toBe(rp.qrCodeSvg(session, { at: at(1) }));
    expect(rp.qrCodeSvg(session, { at: at(3) })).toBe(
      renderQrCodeSvg(encodeQrCode(rp.qrCodeLink(session, { at: at(3) }))),
    );
    expect(scan(encodeQrCode(rp.qrCodeLink(session, { at: at(3) })))).toBe(
      rp.qrCodeLink(session, { at: at(3) }),
    );
  });

  it('v2 authentication by identifier and by document, with the verification code from the hash', async () => {
    for (const target of [
      { semanticsIdentifier: 'PNOEE-40504040001' },
      { documentNumber: 'PNOLT-40504040001-MOCK-Q' },
    ]) {
      const session = await rp.startV2Authentication({
        target,
        allowedInteractionsOrder: [{ type: 'verificationCodeChoice', displayText60: 'Log in?' }],
      });
      expect(session.verificationCode).toMatch(/^\d{4}$/);
      const done = ok(await rp.awaitOutcome(session));
      expect(done).toMatchObject({ flowType: 'Notification', interactionTypeUsed: 'verificationCodeChoice' });
    }
    const refused = await rp.startV2Authentication({
      target: { documentNumber: 'PNOEE-30403039917-MOCK-Q' },
      allowedInteractionsOrder: [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }],
      hashType: 'SHA256',
    });
    expect(await rp.awaitOutcome(refused)).toMatchObject({ endResult: 'USER_REFUSED', actor: 'user' });
  });

  it('checks the certificate with the OCSP responder when asked to', async () => {
    const withOcsp = client({ ocsp: { responderUrl: `${server.url}/pki/ocsp` } });
    const session = await withOcsp.startNotificationAuthentication({
      target: { semanticsIdentifier: 'PNOEE-50001029996' },
      interactions: LOGIN,
    });
    expect(ok(await withOcsp.awaitOutcome(session)).documentNumber).toBe('PNOEE-50001029996-DEMO-Q');
  });
});

describe('signing flows', () => {
  const digestOf = (hash: keyof typeof HASH_OF, text: string) =>
    new Uint8Array(createHash(HASH_OF[hash]).update(text).digest());

  it.each([
    ['rsassa-pss', 'SHA-256'],
    ['rsassa-pss', 'SHA-384'],
    ['rsassa-pss', 'SHA-512'],
    ['rsassa-pss', 'SHA3-256'],
    ['rsassa-pss', 'SHA3-384'],
    ['rsassa-pss', 'SHA3-512'],
    ['sha256WithRSAEncryption', 'SHA-256'],
    ['sha384WithRSAEncryption', 'SHA-384'],
    ['sha512WithRSAEncryption', 'SHA-512'],
  ] as const)(
    'notification signing with %s over %s verifies in the SDK and with openssl',
    async (signatureAlgorithm, hashAlgorithm) => {
      const digest = digestOf(hashAlgorithm, `contract ${signatureAlgorithm} ${hashAlgorithm}`);
      const session = await rp.startNotificationSignature({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        digest,
        hashAlgorithm,
        signatureAlgorithm,
        interactions: SIGN,
      });
      expect(session.verificationCode).toMatch(/^\d{4}$/);
      const signature = ok(await rp.awaitOutcome(session));
      expect(signature).toMatchObject({ signatureAlgorithm, hashAlgorithm, flowType: 'Notification' });
      expect(await opensslVerifies(signature, digest)).toBe(true);
      expect(await opensslVerifies(signature, digestOf(hashAlgorithm, 'another contract'))).toBe(false);
    },
  );

  it('device-link signing by semantics identifier resolved by the mock', async () => {
    const digest = digestOf('SHA-256', 'device-link contract');
    const session = await rp.startDeviceLinkSignature({
      target: { semanticsIdentifier: 'PNOLT-40404040009' },
      digest,
      hashAlgorithm: 'SHA-256',
      interactions: SIGN,
    });
    await mockDeviceLink({
      documentNumber: 'PNOLT-40404040009-MOCK-Q',
      deviceLink: rp.qrCodeLink(session),
      flowType: 'QR',
    });
    const signature = ok(await rp.awaitOutcome(session));
    expect(signature.identity.semanticsIdentifier).toBe('PNOLT-40404040009');
    expect(await opensslVerifies(signature, digest)).toBe(true);
  });

  it('notification certificate choice, then signing by the chosen document, and the synchronous signing certificate', async () => {
    const choice = await rp.startNotificationCertificateChoice({ semanticsIdentifier: 'PNOLV-020100-29990' });
    const chosen = ok(await rp.awaitOutcome(choice));
    expect(chosen.documentNumber).toBe('PNOLV-020100-29990-MOCK-Q');
    const certificate = ok(await rp.getSigningCertificate({ documentNumber: chosen.documentNumber }));
    expect(certificate.certificate.value).toBe(chosen.certificate.value);
    const digest = digestOf('SHA-512', 'chosen contract');
    const session = await rp.startNotificationSignature({
      target: { documentNumber: chosen.documentNumber },
      digest,
      hashAlgorithm: 'SHA-512',
      interactions: SIGN,
    });
    const signature = ok(await rp.awaitOutcome(session));
    expect(signature.certificate.value).toBe(chosen.certificate.value);
  });

  it('device-link certificate choice followed at once by the linked signature, in the same flow', async () => {
    const choice = await rp.startDeviceLinkCertificateChoice();
    await mockDeviceLink({
      documentNumber: 'PNOBE-04040400287-MOCK-Q',
      deviceLink: rp.qrCodeLink(choice),
      flowType: 'QR',
    });
    const chosen = ok(await rp.awaitOutcome(choice));
    const digest = digestOf('SHA-384', 'linked contract');
    const linked = await rp.startLinkedNotificationSignature({
      certificateChoice: { session: choice, outcome: chosen },
      digest,
      hashAlgorithm: 'SHA-384',
      interactions: SIGN,
    });
    const signature = ok(await rp.awaitOutcome(linked));
    expect(signature).toMatchObject({ documentNumber: 'PNOBE-04040400287-MOCK-Q', flowType: 'QR' });
    expect(await opensslVerifies(signature, digest)).toBe(true);
  });
});

describe('failures, each with its actor', () => {
  it('says which party must act when the server refuses', async () => {
    await expect(
      rp.startNotificationAuthentication({
        target: { documentNumber: 'PNOEE-12345678901-NONE-Q' },
        interactions: LOGIN,
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND', actor: 'account', status: 404 });
    await expect(
      rp.startNotificationAuthentication({
        target: { semanticsIdentifier: 'PNOLT-40504049999' },
        interactions: LOGIN,
      }),
    ).rejects.toMatchObject({ actor: 'account', status: 404 });
    await expect(
      client({ relyingPartyUUID: '11111111-1111-4111-8111-111111111111' }).startNotificationAuthentication({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        interactions: LOGIN,
      }),
    ).rejects.toMatchObject({ actor: 'integration' });
    await expect(
      rp.startDeviceLinkAuthentication({ interactions: LOGIN, initialCallbackUrl: 'ftp://rp.example/cb' }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', actor: 'integration', status: 400 });
    const session = await rp.startNotificationAuthentication({
      target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
      interactions: LOGIN,
    });
    await expect(
      rp.awaitOutcome({ ...session, sessionID: '00000000-0000-4000-8000-00000000abcd' }),
    ).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND', actor: 'integration' });
    await rp.awaitOutcome(session);
  });

  it('refuses bad arguments before calling the server', () => {
    expect(() => client({ relyingPartyUUID: 'not-a-uuid' })).toThrow(/relyingPartyUUID/);
    expect(() => client({ trustedCertificates: 'nothing here' })).toThrow(RpClientError);
    expect(() => client({ pollTimeoutMs: 10 })).toThrow(/pollTimeoutMs/);
    return expect(
      rp.startNotificationSignature({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        digest: new Uint8Array(5),
        hashAlgorithm: 'SHA-256',
        interactions: SIGN,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('cannot reach a server that is not there, and stops a long poll when aborted', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      client({ baseUrl: `http://127.0.0.1:${port}` }).startDeviceLinkAuthentication({ interactions: LOGIN }),
    ).rejects.toMatchObject({ code: 'UNREACHABLE', actor: 'integration' });
    const session = await rp.startDeviceLinkAuthentication({ interactions: LOGIN });
    const controller = new AbortController();
    const waiting = rp.awaitOutcome(session, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the person left the page')), 200);
    await expect(waiting).rejects.toThrow('the person left the page');
  });

  it('rejects a response signed by a CA it does not trust', async () => {
    const software = await createSoftwareCa(server.clock);
    const foreign = await software.open();
    try {
      const distrusting = client({ trustedCertificates: foreign.caChainPem() });
      const session = await distrusting.startNotificationAuthentication({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        interactions: LOGIN,
      });
      await expect(distrusting.awaitOutcome(session)).rejects.toMatchObject({ code: 'RESPONSE_REJECTED' });
    } finally {
      await foreign.close();
      await software.cleanup();
    }
  });

  describe('tampered responses', () => {
    type Status = Record<string, any>;
    function tampering(change: (status: Status) => void): RpClient {
      return client({
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (!String(input).includes('/session/')) return response;
          const status = (await response.json()) as Status;
          if (status.state === 'COMPLETE') change(status);
          return new Response(JSON.stringify(status), {
            status: response.status,
            headers: { 'content-type': 'application/json' },
          });
        },
      });
    }

    it.each([
      [
        'a flipped signature bit',
        (s: Status) => {
          const bytes = Buffer.from(s.signature.value, 'base64');
          bytes[10] = (bytes[10] ?? 0) ^ 1;
          s.signature.value = bytes.toString('base64');
        },
      ],
      [
        'another serverRandom',
        (s: Status) => {
          s.signature.serverRandom = 'MTlop6EXCrQ6FOErcKjxUhbV';
        },
      ],
      [
        'a flow type not offered',
        (s: Status) => {
          s.signature.flowType = 'QR';
        },
      ],
      [
        'another document number',
        (s: Status) => {
          s.result.documentNumber = 'PNOEE-40504040001-DEM0-Q';
        },
      ],
      [
        'an interaction not asked for',
        (s: Status) => {
          s.interactionTypeUsed = 'confirmationMessage';
        },
      ],
      [
        'another hash',
        (s: Status) => {
          s.signature.signatureAlgorithmParameters = {
            hashAlgorithm: 'SHA-256',
            maskGenAlgorithm: { algorithm: 'id-mgf1', parameters: { hashAlgorithm: 'SHA-256' } },
            saltLength: 32,
            trailerField: '0xbc',
          };
        },
      ],
      [
        'an ADVANCED certificate level for a QUALIFIED request',
        (s: Status) => {
          s.cert.certificateLevel = 'ADVANCED';
        },
      ],
      ['the signing certificate instead of the authentication one', () => {}],
    ] as const)('rejects an authentication with %s', async (name, change) => {
      let signingCertificate = '';
      if (name.startsWith('the signing certificate')) {
        const cert = ok(await rp.getSigningCertificate({ documentNumber: 'PNOEE-50001029996-DEMO-Q' }));
        signingCertificate = cert.certificate.value;
      }
      const tampered = tampering((s) => {
        change(s);
        if (signingCertificate) s.cert.value = signingCertificate;
      });
      const session = await tampered.startNotificationAuthentication({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        interactions: LOGIN,
      });
      await expect(tampered.awaitOutcome(session)).rejects.toMatchObject({
        code: 'RESPONSE_REJECTED',
        actor: 'integration',
      });
    });

    it('rejects a signature over another digest', async () => {
      const tampered = tampering((s) => {
        const bytes = Buffer.from(s.signature.value, 'base64');
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x80;
        s.signature.value = bytes.toString('base64');
      });
      const session = await tampered.startNotificationSignature({
        target: { documentNumber: 'PNOEE-50001029996-DEMO-Q' },
        digest: new Uint8Array(32).fill(1),
        hashAlgorithm: 'SHA-256',
        interactions: SIGN,
      });
      await expect(tampered.awaitOutcome(session)).rejects.toMatchObject({ code: 'RESPONSE_REJECTED' });
    });
  });
});
