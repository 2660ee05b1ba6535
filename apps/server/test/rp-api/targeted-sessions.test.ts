/**
 * RP API v3 endpoints 2–9: authentication and signing addressed to a person (semantics identifier) or to one
 * account (document number), by device link or notification. Accepted bodies, the spec's 404s, explicit nulls and
 * unknown fields, a device-link session only its target can answer, and 1,000 random and mutated bodies per
 * endpoint that never get a 5xx and store nothing when refused.
 */
import { confirmTransaction, type DeviceContext, enrolIdentity, takeTransaction } from '@tessera/device';
import { buildDeviceLink, DEFAULT_SCHEME_NAME } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { createBodyMutator } from '../support/mutate-json.js';
import { DEMO_RP, LOGIN_INTERACTIONS, pollSession } from '../support/relying-party.js';

const PERSON = 'PNOLV-030403-10016';
let server: TestIdentityServer;
let device: DeviceContext;
let otherDevice: DeviceContext;
let documentNumber: string;

const rpChallenge = Buffer.alloc(32, 9).toString('base64');
const deviceLinkBody = () => ({
  ...DEMO_RP,
  signatureProtocol: 'ACSP_V2',
  signatureProtocolParameters: {
    rpChallenge,
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
  },
  interactions: LOGIN_INTERACTIONS,
});
const notificationBody = () => ({ ...deviceLinkBody(), vcType: 'numeric4' });
const signatureBody = () => ({
  ...DEMO_RP,
  signatureProtocol: 'RAW_DIGEST_SIGNATURE',
  signatureProtocolParameters: {
    digest: Buffer.alloc(64, 3).toString('base64'),
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
  },
  interactions: LOGIN_INTERACTIONS,
  nonce: 'n1',
});

const post = (url: string, payload: unknown) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const countSessions = async () =>
  Number(
    (
      await server.store.db
        .selectFrom('rp_sessions')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const identity = (semanticsIdentifier: string) => ({
  semanticsIdentifier,
  givenName: 'ANNA',
  surname: 'BĒRZIŅA',
  dateOfBirth: '1903-04-03',
  country: semanticsIdentifier.slice(3, 5),
  level: 'QUALIFIED' as const,
});

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server);
  otherDevice = headlessDevice(server);
  const pins = { pin1: '1357', pin2: '24680', profile: 'test-2048' as const };
  documentNumber = (await enrolIdentity(device, { identity: identity(PERSON), ...pins })).documentNumber;
  await enrolIdentity(otherDevice, { identity: identity('PNOEE-30303039914'), ...pins });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const ENDPOINTS = [
  [
    'device-link by semantics identifier',
    () => `/v3/authentication/device-link/etsi/${PERSON}`,
    deviceLinkBody,
  ],
  [
    'device-link by document number',
    () => `/v3/authentication/device-link/document/${documentNumber}`,
    deviceLinkBody,
  ],
  [
    'notification by semantics identifier',
    () => `/v3/authentication/notification/etsi/${PERSON}`,
    notificationBody,
  ],
  [
    'notification by document number',
    () => `/v3/authentication/notification/document/${documentNumber}`,
    notificationBody,
  ],
  [
    'device-link signing by semantics identifier',
    () => `/v3/signature/device-link/etsi/${PERSON}`,
    signatureBody,
  ],
  [
    'device-link signing by document number',
    () => `/v3/signature/device-link/document/${documentNumber}`,
    signatureBody,
  ],
  [
    'notification signing by semantics identifier',
    () => `/v3/signature/notification/etsi/${PERSON}`,
    signatureBody,
  ],
  [
    'notification signing by document number',
    () => `/v3/signature/notification/document/${documentNumber}`,
    signatureBody,
  ],
] as const;

describe.each(ENDPOINTS)('%s', (_name, url, body) => {
  it('starts a session, with explicit nulls taken as absent and unknown fields ignored', async () => {
    const res = await post(url(), {
      ...body(),
      certificateLevel: null,
      requestProperties: null,
      futureField: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const json = res.json();
    expect(json.sessionID).toMatch(/^[0-9a-f-]{36}$/);
    if (url().startsWith('/v3/signature/notification/')) {
      expect(json).toEqual({
        sessionID: json.sessionID,
        vc: { type: 'numeric4', value: expect.stringMatching(/^\d{4}$/) },
      });
    } else if (url().includes('/notification/')) expect(Object.keys(json)).toEqual(['sessionID']);
    else
      expect(Object.keys(json).sort()).toEqual([
        'deviceLinkBase',
        'sessionID',
        'sessionSecret',
        'sessionToken',
      ]);
    expect(await server.store.sessions.get(json.sessionID)).toMatchObject({
      target: { documentNumbers: [documentNumber] },
    });
  });

  it('answers 404 in the spec wording for someone without an account', async () => {
    const missing = url().includes('/etsi/')
      ? url().replace(PERSON, 'PNOLV-010101-10006')
      : url().replace(documentNumber, 'PNOLV-030403-10016-ZZZZ-Q');
    const res = await post(missing, body());
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'about:blank', status: 404, title: 'Not Found' });
  });

  it('never answers 1,000 random and mutated bodies with a 5xx, and stores nothing for those it refuses', async () => {
    const { variant } = createBodyMutator(url().length);
    const before = await countSessions();
    // A repeated signature request gets its session back (15-second idempotency): count distinct sessions.
    const accepted = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const res = await post(url(), variant(i, body()));
      expect(res.statusCode, `body #${i}`).toBeLessThan(500);
      if (res.statusCode === 200) accepted.add(res.json().sessionID);
    }
    expect(await countSessions()).toBe(before + accepted.size);
  }, 120_000);
});

describe('a device-link session addressed to one account', () => {
  it('can be answered by that account only', async () => {
    const res = await post(`/v3/authentication/device-link/document/${documentNumber}`, deviceLinkBody());
    const { sessionID, sessionToken, sessionSecret, deviceLinkBase } = res.json();
    const link = buildDeviceLink(
      {
        deviceLinkBase,
        sessionToken,
        sessionType: 'auth',
        lang: 'lav',
        deviceLinkType: 'QR',
        elapsedSeconds: 0,
      },
      {
        sessionType: 'auth',
        schemeName: DEFAULT_SCHEME_NAME,
        relyingPartyName: 'DEMO',
        rpChallenge,
        interactions: LOGIN_INTERACTIONS,
      },
      sessionSecret,
    );
    await expect(takeTransaction(otherDevice, { deviceLink: link })).rejects.toMatchObject({
      status: 409,
      problemCode: 'ACCOUNT_NOT_USABLE',
    });
    const { view } = await takeTransaction(device, { deviceLink: link });
    expect(await confirmTransaction(device, { view: view!, pin: '1357' })).toMatchObject({ result: 'OK' });
    expect(await pollSession(server.url, sessionID)).toMatchObject({
      result: { endResult: 'OK', documentNumber },
    });
  });
});

describe('under maintenance (TESSERA_MAINTENANCE=on)', () => {
  it('refuses every RP API call with 580 and the spec body', async () => {
    const closed = await startTestIdentityServer({ TESSERA_MAINTENANCE: 'on' });
    try {
      for (const [method, url] of [
        ['POST', '/v3/authentication/device-link/anonymous'],
        ['POST', `/v3/authentication/notification/etsi/${PERSON}`],
        ['GET', '/v3/session/00000000-0000-4000-8000-000000000001'],
      ] as const) {
        const res = await closed.app.inject({
          method,
          url,
          payload: method === 'POST' ? deviceLinkBody() : undefined,
        });
        expect(res.statusCode, url).toBe(580);
        expect(res.headers['content-type']).toBe('application/problem+json');
      }
      // The CA and the app API stay up: devices finish what they hold, relying parties verify certificates.
      expect((await closed.app.inject({ method: 'GET', url: '/pki/ca-chain.pem' })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  }, 60_000);
});

describe('endpoints 10–13 under 1,000 random and mutated bodies each', () => {
  const linkedBody = () => ({
    ...signatureBody(),
    linkedSessionID: '00000000-0000-4000-8000-000000000001',
  });
  const cases = [
    ['linked signing', () => `/v3/signature/notification/linked/${documentNumber}`, linkedBody],
    ['signing certificate', () => `/v3/signature/certificate/${documentNumber}`, () => ({ ...DEMO_RP })],
    [
      'device-link certificate choice',
      () => '/v3/signature/certificate-choice/device-link/anonymous',
      () => ({ ...DEMO_RP, nonce: 'c1' }),
    ],
    [
      'notification certificate choice',
      () => `/v3/signature/certificate-choice/notification/etsi/${PERSON}`,
      () => ({ ...DEMO_RP }),
    ],
  ] as const;
  it.each(cases)(
    '%s: never a 5xx, and nothing stored for a refusal',
    async (_name, url, body) => {
      const { variant } = createBodyMutator(url().length + 7);
      const before = await countSessions();
      const accepted = new Set<string>();
      for (let i = 0; i < 1000; i++) {
        const res = await post(url(), variant(i, body()));
        expect(res.statusCode, `body #${i}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode === 200 && res.json().sessionID !== undefined) accepted.add(res.json().sessionID);
      }
      expect(await countSessions()).toBe(before + accepted.size);
    },
    120_000,
  );
});

describe('the 15-second idempotency of signature and certificate-choice requests', () => {
  it('answers a repeated request with the same session, a new nonce or a later repeat with a new one', async () => {
    const url = `/v3/signature/notification/document/${documentNumber}`;
    const first = (await post(url, signatureBody())).json();
    expect((await post(url, signatureBody())).json()).toEqual(first);
    const renewed = (await post(url, { ...signatureBody(), nonce: 'n2' })).json();
    expect(renewed.sessionID).not.toBe(first.sessionID);
    const start = server.clock.now();
    server.clock.set(new Date(start.getTime() + 16_000));
    try {
      expect((await post(url, signatureBody())).json().sessionID).not.toBe(first.sessionID);
    } finally {
      server.clock.set(start);
    }
    // Authentication requests are unique by their rpChallenge: never folded together.
    const auth = `/v3/authentication/notification/document/${documentNumber}`;
    expect((await post(auth, notificationBody())).json().sessionID).not.toBe(
      (await post(auth, notificationBody())).json().sessionID,
    );
  });
});
