/**
 * The sandbox's scripted test accounts (spec §7) against the whole server: every account exists with its published
 * document number, identity and level, and a relying party asking it gets its published outcome from the simulated
 * user — OK with a real two-party signature that verifies, each refusal, WRONG_VC, the scripted TIMEOUT. Device
 * links are resolved with `POST /mock/device-link` (spec §4.6), whose Web2App/App2App callback request a test
 * server observes.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeSessionSecretDigest } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppApiDeps } from '../../src/app-api/app-api-deps.js';
import {
  SCRIPTED_TEST_ACCOUNTS,
  type ScriptedTestAccount,
} from '../../src/sandbox/scripted-test-accounts.js';
import { createSimulatedUser } from '../../src/sandbox/simulated-user.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import {
  DEMO_RP,
  interactionsOf,
  pollSession,
  startDeviceLinkAuthentication,
  startNotificationAuthentication,
  verifyAuthentication,
} from '../support/relying-party.js';

const SCRIPTED_TIMEOUT_MS = 300;
let server: TestIdentityServer;

beforeAll(async () => {
  server = await startTestIdentityServer(
    { TESSERA_SANDBOX_TIMEOUT_MS: String(SCRIPTED_TIMEOUT_MS) },
    'pglite',
    {
      scriptedAccounts: SCRIPTED_TEST_ACCOUNTS,
    },
  );
}, 180_000);
afterAll(async () => server?.close());

/** What the published table says the RP sees for an account (v3). */
function expectedEnd(account: ScriptedTestAccount): { endResult: string; details?: { interaction: string } } {
  switch (account.answer.kind) {
    case 'confirm':
      return { endResult: 'OK' };
    case 'timeout':
      return { endResult: 'TIMEOUT' };
    case 'refuse-device-choice':
      return { endResult: 'USER_REFUSED_CERT_CHOICE' };
    case 'end':
      return account.answer.end as { endResult: string; details?: { interaction: string } };
  }
}

async function finalStatus(sessionID: string) {
  for (let polls = 0; polls < 20; polls++) {
    const status = await pollSession(server.url, sessionID, 5000);
    if (status.state === 'COMPLETE') return status;
  }
  throw new Error(`Session ${sessionID} did not complete.`);
}

/** The status as sent, without the v3 validator of the test relying party. */
async function finalRawStatus(sessionID: string): Promise<unknown> {
  for (let polls = 0; polls < 20; polls++) {
    const res = await fetch(`${server.url}/v3/session/${sessionID}?timeoutMs=5000`);
    const status = (await res.json()) as { state: string };
    if (status.state === 'COMPLETE') return status;
  }
  throw new Error(`Session ${sessionID} did not complete.`);
}

describe('the scripted test accounts', () => {
  it('all exist, active, with the published document number, identity and level in their certificates', async () => {
    expect(SCRIPTED_TEST_ACCOUNTS.length).toBeGreaterThan(70);
    expect(new Set(SCRIPTED_TEST_ACCOUNTS.map((a) => a.documentNumber)).size).toBe(
      SCRIPTED_TEST_ACCOUNTS.length,
    );
    for (const scripted of SCRIPTED_TEST_ACCOUNTS) {
      const account = await server.store.accounts.get(scripted.documentNumber);
      expect(account?.state, scripted.documentNumber).toBe('active');
      expect(account?.level).toBe(scripted.documentNumber.endsWith('-NQ') ? 'ADVANCED' : 'QUALIFIED');
      expect(account?.identity).toMatchObject({
        givenName: scripted.givenName,
        surname: scripted.surname,
        dateOfBirth: scripted.dateOfBirth,
        country: scripted.documentNumber.slice(3, 5),
      });
    }
    const key = await server.store.keys.get('PNOEE-40504040001-DEM0-Q/authentication');
    const certificate = new X509Certificate(Buffer.from(key?.certificate?.der ?? []));
    expect(certificate.subject).toContain('serialNumber=PNOEE-40504040001');
    expect(certificate.subject).toContain('GN=OK');
    expect(certificate.subject).toContain('SN=TESTNUMBER');
    expect(certificate.subjectAltName).toContain('PNOEE-40504040001-DEM0-Q');
  });

  it.each(
    SCRIPTED_TEST_ACCOUNTS.filter((a) => a.otherAccountOf === undefined).map(
      (a) => [a.documentNumber, a] as const,
    ),
  )(
    '%s answers a notification authentication by document number with its published result',
    async (documentNumber, account) => {
      const nonQualified = documentNumber.endsWith('-NQ');
      if (nonQualified) {
        // A QUALIFIED request (the default) finds no account: 404 (spec §7).
        await expect(
          startNotificationAuthentication(server.url, { document: documentNumber }),
        ).rejects.toMatchObject({ status: 404 });
      }
      const level = nonQualified ? { certificateLevel: 'ADVANCED' } : {};
      const session = await startNotificationAuthentication(server.url, { document: documentNumber }, level);
      const expected = expectedEnd(account);
      if (expected.details?.interaction === 'verificationCodeChoice') {
        // Published as is, though v3 has no such interaction (the official v3 clients reject it; spec §7).
        expect(await finalRawStatus(session.sessionID)).toMatchObject({
          state: 'COMPLETE',
          result: expected,
        });
        return;
      }
      const status = await finalStatus(session.sessionID);
      expect(status.result).toMatchObject(expected);
      if (expected.endResult === 'OK') {
        expect(status.result.documentNumber).toBe(documentNumber);
        expect((status as { cert?: { certificateLevel: string } }).cert?.certificateLevel).toBe(
          nonQualified ? 'ADVANCED' : 'QUALIFIED',
        );
        verifyAuthentication(status, session);
      }
    },
  );
});

describe('the scripted test accounts over the legacy v2 API', () => {
  /** The published v2 column (spec §7): refusals name their interaction. */
  const V2_NAMES: Record<string, string> = {
    displayTextAndPIN: 'USER_REFUSED_DISPLAYTEXTANDPIN',
    verificationCodeChoice: 'USER_REFUSED_VC_CHOICE',
    confirmationMessage: 'USER_REFUSED_CONFIRMATIONMESSAGE',
    confirmationMessageAndVerificationCodeChoice: 'USER_REFUSED_CONFIRMATIONMESSAGE_WITH_VC_CHOICE',
  };

  it.each(
    SCRIPTED_TEST_ACCOUNTS.filter((a) => a.documentNumber.startsWith('PNOEE-304030399')).map(
      (a) => [a.documentNumber, a] as const,
    ),
  )('%s answers a v2 authentication with its published v2 result', async (documentNumber, account) => {
    const hash = Buffer.from(new Uint8Array(64).fill(documentNumber.length)).toString('base64');
    const res = await fetch(`${server.url}/v2/authentication/document/${documentNumber}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...DEMO_RP,
        hash,
        hashType: 'SHA512',
        allowedInteractionsOrder: [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }],
      }),
    });
    expect(res.status).toBe(200);
    const { sessionID } = (await res.json()) as { sessionID: string };
    let status: { state: string; result?: { endResult: string } } = { state: 'RUNNING' };
    for (let polls = 0; polls < 20 && status.state === 'RUNNING'; polls++) {
      status = await (await fetch(`${server.url}/v2/session/${sessionID}?timeoutMs=5000`)).json();
    }
    const expected = expectedEnd(account);
    expect(status.result?.endResult).toBe(
      expected.details === undefined ? expected.endResult : V2_NAMES[expected.details.interaction],
    );
  });
});

describe('the simulated user', () => {
  it('picks the right one of three codes for an OK account, and gives WRONG_VC for the WRONG_VC account', async () => {
    const interactions = interactionsOf([
      {
        type: 'confirmationMessageAndVerificationCodeChoice',
        displayText200: 'Log in to DEMO with the code?',
      },
    ]);
    const ok = await startNotificationAuthentication(
      server.url,
      { document: 'PNOEE-40504040001-DEM0-Q' },
      { interactions },
    );
    const okStatus = await finalStatus(ok.sessionID);
    expect(okStatus.result.endResult).toBe('OK');
    verifyAuthentication(okStatus, ok);
    expect((okStatus as { interactionTypeUsed?: string }).interactionTypeUsed).toBe(
      'confirmationMessageAndVerificationCodeChoice',
    );
    const wrong = await startNotificationAuthentication(
      server.url,
      { etsi: 'PNOLV-030403-10075' },
      { interactions },
    );
    expect((await finalStatus(wrong.sessionID)).result.endResult).toBe('WRONG_VC');
  });

  it('answers a person with another active account by semantics identifier with the published account', async () => {
    for (const etsi of [
      'PNOEE-39901012239',
      'PNOLT-39901012239',
      'PNOLV-030303-10215',
      'PNOBE-99010199987',
    ]) {
      const session = await startNotificationAuthentication(server.url, { etsi });
      const status = await finalStatus(session.sessionID);
      const published = SCRIPTED_TEST_ACCOUNTS.find(
        (a) => a.documentNumber.startsWith(`${etsi}-`) && a.otherAccountOf === undefined,
      );
      expect(status.result).toMatchObject({ endResult: 'OK', documentNumber: published?.documentNumber });
      verifyAuthentication(status, session);
    }
  });

  it('keeps a TIMEOUT account silent for the scripted delay only', async () => {
    const started = Date.now();
    const session = await startNotificationAuthentication(server.url, {
      document: 'PNOEE-30403039983-MOCK-Q',
    });
    const running = await pollSession(server.url, session.sessionID, 1000);
    expect(running.state === 'RUNNING' || Date.now() - started >= SCRIPTED_TIMEOUT_MS).toBe(true);
    expect((await finalStatus(session.sessionID)).result.endResult).toBe('TIMEOUT');
  });

  it('signs a notification signature request with the signing key (PIN2), verifiable with node:crypto', async () => {
    const digest = Buffer.from(new Uint8Array(32).fill(7)).toString('base64');
    const res = await fetch(`${server.url}/v3/signature/notification/document/PNOLT-50001029996-DEMO-Q`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...DEMO_RP,
        signatureProtocol: 'RAW_DIGEST_SIGNATURE',
        signatureProtocolParameters: { digest, signatureAlgorithm: 'sha256WithRSAEncryption' },
        interactions: interactionsOf([{ type: 'displayTextAndPIN', displayText60: 'Sign the contract?' }]),
      }),
    });
    expect(res.status).toBe(200);
    const { sessionID } = (await res.json()) as { sessionID: string };
    const status = (await finalStatus(sessionID)) as unknown as {
      result: { endResult: string };
      signature: { value: string };
      cert: { value: string };
    };
    expect(status.result.endResult).toBe('OK');
    const certificate = new X509Certificate(Buffer.from(status.cert.value, 'base64'));
    const { createPublicKey, publicDecrypt } = await import('node:crypto');
    const recovered = publicDecrypt(
      { key: createPublicKey(certificate.publicKey.export({ format: 'pem', type: 'spki' })), padding: 1 },
      Buffer.from(status.signature.value, 'base64'),
    );
    // DigestInfo(SHA-256) ends with the digest itself.
    expect(recovered.subarray(-32).toString('base64')).toBe(digest);
    expect(certificate.keyUsage ?? []).not.toContain('1.3.6.1.4.1.62306.5.7.0');
  });
});

describe('POST /mock/device-link', () => {
  async function mock(body: Record<string, unknown>) {
    const res = await fetch(`${server.url}/mock/device-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('resolves a QR device-link authentication for a device-link test account', async () => {
    const session = await startDeviceLinkAuthentication(server.url);
    const answer = await mock({
      documentNumber: 'PNOEE-40404040009-MOCK-Q',
      deviceLink: session.link('QR'),
      flowType: 'QR',
    });
    expect(answer.status).toBe(200);
    const status = await finalStatus(session.sessionID);
    expect(status.result).toMatchObject({ endResult: 'OK', documentNumber: 'PNOEE-40404040009-MOCK-Q' });
    verifyAuthentication(status, session);
  });

  it('requests the Web2App callback URL with the browser cookie, sessionSecretDigest and userChallengeVerifier', async () => {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const rp = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      response.end('welcome back');
    });
    await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
    try {
      const initialCallbackUrl = `http://127.0.0.1:${(rp.address() as AddressInfo).port}/callback?value=RrKjjT4aggzu27YBddX1bQ`;
      for (const flowType of ['Web2App', 'App2App'] as const) {
        const session = await startDeviceLinkAuthentication(server.url, { initialCallbackUrl });
        const answer = await mock({
          documentNumber: 'PNOLV-040404-10003-DEMO-Q',
          deviceLink: session.link(flowType),
          flowType,
          browserCookie: 'a=b;c=d',
          initialCallbackUrl,
        });
        expect(answer.status).toBe(200);
        const status = await finalStatus(session.sessionID);
        verifyAuthentication(status, session);
        const callback = new URL(seen.at(-1)?.url ?? '/', initialCallbackUrl);
        expect(seen.at(-1)?.headers.cookie).toBe('a=b;c=d');
        expect(callback.searchParams.get('value')).toBe('RrKjjT4aggzu27YBddX1bQ');
        expect(callback.searchParams.get('sessionSecretDigest')).toBe(
          computeSessionSecretDigest(session.sessionSecret),
        );
        expect(callback.searchParams.get('userChallengeVerifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
      expect(seen).toHaveLength(2);
    } finally {
      rp.close();
    }
  });

  it('refuses what it cannot do with a 400 problem, and completes nothing', async () => {
    const session = await startDeviceLinkAuthentication(server.url, {
      initialCallbackUrl: 'https://rp.example.com/cb',
    });
    const cases: [Record<string, unknown>, string][] = [
      [
        { documentNumber: 'PNOEE-12345678901-ABCD-Q', deviceLink: session.link('QR'), flowType: 'QR' },
        'NOT_A_TEST_ACCOUNT',
      ],
      [
        {
          documentNumber: 'PNOEE-40404040009-MOCK-Q',
          deviceLink: session.link('Web2App'),
          flowType: 'Web2App',
        },
        'INVALID_REQUEST',
      ],
      [
        {
          documentNumber: 'PNOEE-40404040009-MOCK-Q',
          deviceLink: 'https://example.com/not-a-link',
          flowType: 'QR',
        },
        '',
      ],
      [{ documentNumber: 'PNOEE-40404040009-MOCK-Q', flowType: 'QR' }, ''],
      [{ documentNumber: 'PNOEE-40404040009-MOCK-Q', deviceLink: session.link('QR'), flowType: 'Email' }, ''],
    ];
    for (const [body, code] of cases) {
      const answer = await mock(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      if (code !== '') expect((answer.body.errors as { code: string }[] | undefined)?.[0]?.code).toBe(code);
      expect(typeof answer.body.detail).toBe('string');
    }
    const status = await pollSession(server.url, session.sessionID, 1000);
    expect(status.state).toBe('RUNNING');
  });

  it('is not there outside the sandbox', async () => {
    const plain = await startTestIdentityServer({ TESSERA_SANDBOX: 'off' });
    try {
      const res = await fetch(`${plain.url}/mock/device-link`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('the simulated phones', () => {
  it('refuse to start over scripted accounts whose phones another data directory holds', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-sandbox-'));
    try {
      const stranger = createSimulatedUser({
        // Only the account store is reached before the refusal.
        deps: { accounts: server.store.accounts } as unknown as AppApiDeps,
        dataDir,
        allowedModulusBits: [2048],
        scriptedTimeoutMs: 0,
        notifier: { notifyDevices() {} },
        accounts: SCRIPTED_TEST_ACCOUNTS.slice(0, 1),
      });
      await expect(stranger.start(server.app)).rejects.toThrow(
        /start with the data directory that created it/,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
