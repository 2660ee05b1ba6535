/**
 * 1,000 random and mutated bodies per app API endpoint that takes one, each properly signed by a registered
 * device: never a 5xx, never a crash, and nothing stored beyond what an accepted body stores.
 */
import { encodeBase64url, systemRandom } from '@tessera/crypto';
import { enrolIdentity } from '@tessera/device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { createBodyMutator } from '../support/mutate-json.js';
import { startDeviceLinkAuthentication } from '../support/relying-party.js';
import { injectDevice, signedInject, type TestDeviceKey } from '../support/signed-app-client.js';

let server: TestIdentityServer;
let key: TestDeviceKey;
let documentNumber: string;
let enrolmentBody: Record<string, unknown>;

async function count(table: 'accounts' | 'account_keys' | 'devices' | 'rp_sessions'): Promise<number> {
  const row = await server.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  server = await startTestIdentityServer();
  const device = injectDevice(server.app, Date.now, (request) => {
    if (request.path.endsWith('/enrolments')) enrolmentBody = JSON.parse(request.body);
  });
  documentNumber = (
    await enrolIdentity(device, {
      identity: {
        semanticsIdentifier: 'PNOEE-30303039914',
        givenName: 'OK',
        surname: 'TESTNUMBER',
        dateOfBirth: '1903-03-03',
        country: 'EE',
        level: 'QUALIFIED',
      },
      pin1: '1234',
      pin2: '12345',
      profile: 'test-2048',
    })
  ).documentNumber;
  const data = (await device.vault.load())!;
  key = {
    deviceId: data.deviceId,
    privateKey: data.deviceKey.privateKey as CryptoKey,
    publicKeyJwk: data.deviceKey.publicKeyJwk,
  };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function fuzz(
  url: string,
  body: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  seed: number,
) {
  const { variant } = createBodyMutator(seed);
  const base = await body();
  for (let i = 0; i < 1000; i++) {
    const payload = variant(i, base);
    const res = await signedInject(server.app, key, {
      method: 'POST',
      url,
      body: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
    });
    expect(res.statusCode, `body #${i}: ${res.body}`).toBeLessThan(500);
    if (res.statusCode >= 400) expect(res.headers['content-type']).toBe('application/problem+json');
  }
}

describe('the app API under 1,000 random and mutated bodies per endpoint', () => {
  it('enrolments: no 5xx, and only accepted bodies store anything', async () => {
    const before = await Promise.all([count('accounts'), count('account_keys'), count('devices')]);
    await fuzz('/app/v1/enrolments', () => enrolmentBody, 11);
    // The recorded keys are registered already: every variant is refused (shared factors), so nothing new.
    expect(await Promise.all([count('accounts'), count('account_keys'), count('devices')])).toEqual(before);
  }, 120_000);

  it('device links: no 5xx', async () => {
    const session = await startDeviceLinkAuthentication(server.url);
    await fuzz(
      '/app/v1/device-links',
      () => ({
        deviceLink: session.link('QR'),
        documentNumber,
        userChallenge: encodeBase64url(systemRandom(32)),
        supportedInteractions: ['displayTextAndPIN'],
      }),
      12,
    );
  }, 120_000);

  it('signatures and refusals of a taken transaction: no 5xx', async () => {
    const session = await startDeviceLinkAuthentication(server.url);
    const taken = await signedInject(server.app, key, {
      method: 'POST',
      url: '/app/v1/device-links',
      body: {
        deviceLink: session.link('QR'),
        documentNumber,
        userChallenge: encodeBase64url(systemRandom(32)),
        supportedInteractions: ['displayTextAndPIN'],
      },
    });
    expect(taken.statusCode).toBe(200);
    const sessions = await count('rp_sessions');
    await fuzz(
      `/app/v1/transactions/${session.sessionID}/signature`,
      () => ({
        keyId: `${documentNumber}/authentication`,
        sealedPartialSignature: encodeBase64url(systemRandom(400)),
      }),
      13,
    );
    await fuzz(
      `/app/v1/transactions/${session.sessionID}/refusal`,
      () => ({ screen: 'CONFIRMATIONMESSAGE' }),
      14,
    );
    expect(await count('rp_sessions')).toBe(sessions);
  }, 120_000);
});
