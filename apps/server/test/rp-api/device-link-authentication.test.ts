import { createSessionWaiter, SANDBOX_DEMO_RELYING_PARTY, systemClock } from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import { openStore, type Store } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, collapseRpApiSlashes } from '../../src/app.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { createBodyMutator } from '../support/mutate-json.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';
import { testConfig } from '../support/test-config.js';

/** The body the official PHP v3 client sends (spec §2.1, captured on the wire). */
const PHP_CLIENT_BODY =
  '{"relyingPartyUUID":"00000000-0000-4000-8000-000000000000","relyingPartyName":"DEMO","signatureProtocol":"ACSP_V2","signatureProtocolParameters":{"rpChallenge":"DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=","signatureAlgorithm":"rsassa-pss","signatureAlgorithmParameters":{"hashAlgorithm":"SHA-512"}},"interactions":"W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbj8ifV0=","initialCallbackUrl":"https:\\/\\/rp.example.com\\/cb?value=abc"}';
const body = () => JSON.parse(PHP_CLIENT_BODY) as Record<string, unknown>;
const PATH = '/v3/authentication/device-link/anonymous';
const LOCKED_DOWN_RP = {
  id: '5d0c2f9e-7b1a-4c3d-9e8f-0a1b2c3d4e5f',
  names: ['Locked Down Ltd'],
  allowedSources: ['10.0.0.0/8'],
  permissions: { advancedAccounts: false, shareDeviceIpAddress: false },
};

let software: SoftwareCa;
let ca: CertificateAuthority;
let store: Store;
let app: FastifyInstance;
const waiter = createSessionWaiter();

beforeAll(async () => {
  software = await createSoftwareCa(testClock(new Date('2026-11-01T00:00:00Z')));
  ca = await software.open();
  store = await openStore();
  await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
  await store.relyingParties.put(LOCKED_DOWN_RP);
  app = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), {
    ca,
    rpApi: {
      ...store,
      waiter,
      clock: systemClock,
      random: systemRandom,
      notifier: { notifyDevices: () => {} },
    },
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  await ca?.close();
  await software?.cleanup();
});

const post = (payload: unknown, extra: { url?: string; remoteAddress?: string; contentType?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: extra.url ?? PATH,
    headers: { 'content-type': extra.contentType ?? 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });

const countSessions = async () =>
  Number(
    (
      await store.db
        .selectFrom('rp_sessions')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /v3/authentication/device-link/anonymous', () => {
  it('starts a session for the body the official PHP client sends, also under a doubled slash', async () => {
    for (const url of [PATH, '/v3//authentication/device-link/anonymous']) {
      const res = await post(PHP_CLIENT_BODY, { url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      const json = res.json();
      expect(json.sessionID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(json.sessionToken).toMatch(/^[a-zA-Z0-9]{24,}$/);
      expect(Buffer.from(json.sessionSecret, 'base64').length).toBeGreaterThanOrEqual(18);
      expect(json.deviceLinkBase).toBe('http://127.0.0.1:8080/device-link');
      const stored = await store.sessions.get(json.sessionID);
      expect(stored).toMatchObject({ state: 'RUNNING', relyingPartyName: 'DEMO', flow: 'device-link' });
    }
  });

  it('answers a bad request with 400 and the offending field', async () => {
    const { signatureProtocolParameters, ...noParams } = body();
    void signatureProtocolParameters;
    const cases: [unknown, string | undefined][] = [
      ['{"relyingPartyUUID":', undefined],
      [noParams, '/signatureProtocolParameters'],
      [{ ...body(), nonce: 'abc' }, '/nonce'],
      [{ ...body(), initialCallbackUrl: 'http://rp.example.com/cb' }, '/initialCallbackUrl'],
      [{ ...body(), interactions: 'not base64!' }, '/interactions'],
      [[], undefined],
    ];
    for (const [payload, pointer] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      const problem = res.json();
      expect(problem).toMatchObject({ type: 'about:blank', status: 400, title: 'Bad Request' });
      if (pointer) expect(problem.errors.map((e: { pointer?: string }) => e.pointer)).toContain(pointer);
    }
    expect((await post(PHP_CLIENT_BODY, { contentType: 'text/plain' })).statusCode).toBe(400);
  });

  it('answers an unknown RP or a name it does not have with 403, and a foreign address with 401', async () => {
    const unknown = await post({ ...body(), relyingPartyUUID: '11111111-1111-4111-8111-111111111111' });
    expect(unknown.statusCode).toBe(403);
    expect((await post({ ...body(), relyingPartyName: 'NOT DEMO' })).statusCode).toBe(403);
    const foreign = await post({
      ...body(),
      relyingPartyUUID: LOCKED_DOWN_RP.id,
      relyingPartyName: 'locked down ltd',
    });
    expect(foreign.statusCode).toBe(401);
    const inside = await post(
      { ...body(), relyingPartyUUID: LOCKED_DOWN_RP.id, relyingPartyName: 'locked down ltd' },
      { remoteAddress: '10.1.2.3' },
    );
    expect(inside.statusCode).toBe(200);
    const advanced = await post(
      {
        ...body(),
        relyingPartyUUID: LOCKED_DOWN_RP.id,
        relyingPartyName: 'Locked Down Ltd',
        certificateLevel: 'ADVANCED',
      },
      { remoteAddress: '10.1.2.3' },
    );
    expect(advanced.statusCode).toBe(403);
  });

  it('never answers 1,000 random and mutated bodies with a 5xx, and stores nothing for those it refuses', async () => {
    const { variant } = createBodyMutator(7);
    const before = await countSessions();
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const payload = variant(i, body());
      const res = await post(payload);
      expect(res.statusCode, `body #${i}`).toBeLessThan(500);
      if (res.statusCode === 200) accepted++;
    }
    expect(await countSessions()).toBe(before + accepted);
  }, 60_000);
});

describe('doubled slashes', () => {
  it('are collapsed on RP API paths only, never in the query or elsewhere', () => {
    expect(collapseRpApiSlashes('/v3//authentication///device-link/anonymous')).toBe(
      '/v3/authentication/device-link/anonymous',
    );
    expect(collapseRpApiSlashes('/v3//session/x?next=a//b')).toBe('/v3/session/x?next=a//b');
    expect(collapseRpApiSlashes('/pki/ocsp/MEUw//AB+c')).toBe('/pki/ocsp/MEUw//AB+c');
  });
});

describe('GET /v3/session/{sessionID}', () => {
  const start = async () => (await post(PHP_CLIENT_BODY)).json().sessionID as string;

  it('answers RUNNING when timeoutMs passes before the session changes', async () => {
    const id = await start();
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: `/v3/session/${id}?timeoutMs=1000` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ state: 'RUNNING' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('answers as soon as the session completes, with the result in the wire form', async () => {
    const id = await start();
    const t0 = performance.now();
    const polled = app.inject({ method: 'GET', url: `/v3/session/${id}?timeoutMs=30000` });
    setTimeout(async () => {
      await store.sessions.update(id, (s) => ({
        ...s,
        state: 'COMPLETE',
        result: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
        completedAt: Date.now(),
      }));
      waiter.notify(id);
    }, 50);
    const res = await polled;
    expect(res.json()).toEqual({
      state: 'COMPLETE',
      result: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
    });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('answers an unknown session with 404 and a bad timeoutMs with 400', async () => {
    const unknown = await app.inject({
      method: 'GET',
      url: '/v3/session/de305d54-75b4-431b-adb2-eb6b9e546014',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, title: 'Not Found' });
    const id = await start();
    for (const t of ['999', '120001', 'abc', '1.5e3']) {
      expect((await app.inject({ method: 'GET', url: `/v3/session/${id}?timeoutMs=${t}` })).statusCode).toBe(
        400,
      );
    }
  });
});
