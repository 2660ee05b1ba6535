/**
 * Web Push end to end: the device registers a subscription that points at a fake push service on loopback; an
 * RP's notification authentication for the device's account makes the server push `{"type":
 * "transactions-pending"}`, encrypted aes128gcm (RFC 8291) and signed with the deployment's VAPID key (RFC 8292).
 * The test decrypts it with the subscription's private key and checks the VAPID JWT against the key the server
 * information gives. A 404/410 from the push service forgets the subscription; bad subscriptions are 400
 * problems; the VAPID key pair survives a restart.
 */
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import {
  type DeviceContext,
  enrolIdentity,
  fetchServerInfo,
  loadDeviceSigningKey,
  registerPushSubscription,
  unregisterPushSubscription,
} from '@tessera/device';
import type { PushSubscriptionRequest } from '@tessera/protocol';
import { openStore } from '@tessera/store';
import {
  decryptPush,
  type FakePushService,
  newSubscriptionKeys,
  runSql,
  startFakePushService,
  TEST_DATABASE_URL,
} from '@tessera/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWebPushSender } from '../../src/web-push/open-web-push-sender.js';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { startNotificationAuthentication } from '../support/relying-party.js';
import { injectDevice, signedInject, type TestDeviceKey } from '../support/signed-app-client.js';

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292) and returns the JWT's claims and the key. */
function readVapid(authorization: string | undefined) {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(
    authorization ?? '',
  );
  expect(match, 'a vapid Authorization header').not.toBeNull();
  const [jwt, k] = [match![1]!, match![2]!];
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  expect(point.length).toBe(65);
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const verified = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  return {
    verified,
    k,
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

const PIN1 = '4821';
let server: TestIdentityServer;
let push: FakePushService;
let device: DeviceContext;
let deviceKey: TestDeviceKey;
let account: string;

/** Starts a notification login for the account and waits until the server's pushes are done. */
async function notifyAccount(): Promise<void> {
  await startNotificationAuthentication(server.url, { document: account });
  await server.push!.settled();
}

async function sendsCounted(result: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`tessera_web_push_sends_total{result="${result}"}`));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

beforeAll(async () => {
  push = await startFakePushService();
  server = await startTestIdentityServer();
  device = headlessDevice(server);
  const enrolled = await enrolIdentity(device, {
    identity: {
      semanticsIdentifier: 'PNOEE-30303039914',
      givenName: 'MARY',
      surname: 'SMITH',
      dateOfBirth: '1990-03-03',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: '73920',
    profile: 'test-2048',
  });
  account = enrolled.documentNumber;
  const data = (await device.vault.load())!;
  deviceKey = {
    deviceId: data.deviceId,
    privateKey: await loadDeviceSigningKey(data),
    publicKeyJwk: data.deviceKey.publicKeyJwk,
  };
}, 120_000);

afterAll(async () => {
  await server?.close();
  await push?.close();
});

beforeEach(() => {
  push.received.length = 0;
});

describe('web push', () => {
  it('gives the VAPID application server key in the server information', async () => {
    const info = await fetchServerInfo(device);
    expect(info.webPushPublicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(Buffer.from(info.webPushPublicKey!, 'base64url')[0]).toBe(4);
    expect(info.webPushPublicKey).toBe(server.push!.publicKey);
  });

  it('pushes an encrypted transactions-pending message, signed with the VAPID key, when a notification login starts', async () => {
    const subscriber = newSubscriptionKeys();
    const endpoint = `${push.origin}/push/${randomBytes(8).toString('hex')}`;
    await registerPushSubscription(device, { endpoint, keys: subscriber.keys });
    const sentBefore = await sendsCounted('sent');

    await notifyAccount();

    expect(push.received).toHaveLength(1);
    const message = push.received[0]!;
    expect(`${push.origin}${message.path}`).toBe(endpoint);
    expect(message.headers['content-encoding']).toBe('aes128gcm');
    expect(message.headers.ttl).toBe('60');
    expect(message.headers.urgency).toBe('high');
    expect(JSON.parse(decryptPush(message.body, subscriber))).toEqual({ type: 'transactions-pending' });

    const vapid = readVapid(message.headers.authorization);
    const { webPushPublicKey } = await fetchServerInfo(device);
    expect(vapid.k).toBe(webPushPublicKey);
    expect(vapid.verified).toBe(true);
    expect(vapid.header).toMatchObject({ typ: 'JWT', alg: 'ES256' });
    expect(vapid.claims.aud).toBe(push.origin);
    expect(vapid.claims.sub).toBe('mailto:admin@127.0.0.1');
    const now = Date.now() / 1000;
    expect(vapid.claims.exp).toBeGreaterThan(now);
    expect(vapid.claims.exp).toBeLessThanOrEqual(now + 24 * 3600);
    expect(await sendsCounted('sent')).toBe(sentBefore + 1);
  });

  it('replaces the subscription when the device registers again: only the new endpoint hears', async () => {
    const first = newSubscriptionKeys();
    const second = newSubscriptionKeys();
    await registerPushSubscription(device, { endpoint: `${push.origin}/push/first`, keys: first.keys });
    await registerPushSubscription(device, { endpoint: `${push.origin}/push/second`, keys: second.keys });
    await notifyAccount();
    expect(push.received.map((r) => r.path)).toEqual(['/push/second']);
    expect(JSON.parse(decryptPush(push.received[0]!.body, second))).toEqual({ type: 'transactions-pending' });
  });

  it('forgets the subscription when the push service answers 410, and sends to it no more', async () => {
    const path = '/push/expired';
    push.statusByPath.set(path, 410);
    await registerPushSubscription(device, {
      endpoint: `${push.origin}${path}`,
      keys: newSubscriptionKeys().keys,
    });
    const goneBefore = await sendsCounted('gone');
    await notifyAccount();
    expect(push.received).toHaveLength(1);
    expect(await server.store.webPush.getSubscription(deviceKey.deviceId)).toBeUndefined();
    expect(await sendsCounted('gone')).toBe(goneBefore + 1);
    await notifyAccount();
    expect(push.received).toHaveLength(1);
  });

  it('counts a push service error as failed, keeps the subscription, and the session starts regardless', async () => {
    const path = '/push/broken';
    push.statusByPath.set(path, 500);
    await registerPushSubscription(device, {
      endpoint: `${push.origin}${path}`,
      keys: newSubscriptionKeys().keys,
    });
    const failedBefore = await sendsCounted('failed');
    await notifyAccount();
    expect(push.received).toHaveLength(1);
    expect(await sendsCounted('failed')).toBe(failedBefore + 1);
    expect((await server.store.webPush.getSubscription(deviceKey.deviceId))?.endpoint).toBe(
      `${push.origin}${path}`,
    );
    // Nobody listens on port 9 of loopback: the session still starts, the send is counted failed.
    await registerPushSubscription(device, {
      endpoint: 'http://127.0.0.1:9/push/unreachable',
      keys: newSubscriptionKeys().keys,
    });
    await notifyAccount();
    expect(await sendsCounted('failed')).toBe(failedBefore + 2);
  });

  it('stops pushing after the device unregisters', async () => {
    await registerPushSubscription(device, {
      endpoint: `${push.origin}/push/later`,
      keys: newSubscriptionKeys().keys,
    });
    await unregisterPushSubscription(device);
    expect(await server.store.webPush.getSubscription(deviceKey.deviceId)).toBeUndefined();
    await unregisterPushSubscription(device);
    await notifyAccount();
    expect(push.received).toEqual([]);
  });

  it('refuses a bad subscription with a 400 problem that says what is wrong, and keeps the last good one', async () => {
    const good: PushSubscriptionRequest = {
      endpoint: `${push.origin}/push/good`,
      keys: newSubscriptionKeys().keys,
    };
    await registerPushSubscription(device, good);
    const offCurve = Buffer.alloc(65, 1);
    offCurve[0] = 4;
    const bad: [unknown, RegExp][] = [
      [{ ...good, endpoint: 'http://push.example/x' }, /endpoint must be an https URL/],
      [{ ...good, endpoint: 'ftp://127.0.0.1/x' }, /endpoint must be an https URL/],
      [{ ...good, endpoint: 'not a url' }, /endpoint is not a URL/],
      [{ ...good, endpoint: 'https://user:pw@push.example/x' }, /credentials/],
      [{ ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 80) } }, /p256dh .*65 octets/],
      [{ ...good, keys: { ...good.keys, p256dh: `${good.keys.p256dh}=` } }, /p256dh/],
      [{ ...good, keys: { ...good.keys, p256dh: offCurve.toString('base64url') } }, /P-256/],
      [{ ...good, keys: { ...good.keys, auth: randomBytes(12).toString('base64url') } }, /auth .*16 octets/],
      [{ ...good, keys: { ...good.keys, auth: 'not base64url!!!!!!!!!' } }, /auth/],
      [{ endpoint: good.endpoint }, /keys/],
      [{ ...good, keys: { p256dh: 7, auth: good.keys.auth } }, /p256dh/],
      [[], /object/],
    ];
    for (const [body, detail] of bad) {
      const res = await signedInject(server.app, deviceKey, {
        method: 'PUT',
        url: '/app/v1/push-subscription',
        body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json().detail, JSON.stringify(body)).toMatch(detail);
    }
    const notJson = await signedInject(server.app, deviceKey, {
      method: 'PUT',
      url: '/app/v1/push-subscription',
      body: new TextEncoder().encode('{"endpoint":'),
    });
    expect(notJson.statusCode).toBe(400);
    expect((await server.store.webPush.getSubscription(deviceKey.deviceId))?.endpoint).toBe(good.endpoint);
  });

  it('refuses a request that is not signed by a registered device', async () => {
    const res = await server.app.inject({
      method: 'PUT',
      url: '/app/v1/push-subscription',
      payload: { endpoint: `${push.origin}/push/x`, keys: newSubscriptionKeys().keys },
    });
    expect(res.statusCode).toBe(401);
    expect((await server.app.inject({ method: 'DELETE', url: '/app/v1/push-subscription' })).statusCode).toBe(
      401,
    );
  });
});

describe('web push settings', () => {
  it('answers 404 and gives no key when Web Push is off', async () => {
    const off = await startTestIdentityServer({ TESSERA_WEB_PUSH: 'off' });
    try {
      expect(off.push).toBeUndefined();
      const info = (await (await fetch(`${off.url}/app/v1/server`)).json()) as Record<string, unknown>;
      expect(info).not.toHaveProperty('webPushPublicKey');
      const elsewhere = injectDevice(off.app, () => off.clock.now().getTime());
      await enrolIdentity(elsewhere, {
        identity: {
          semanticsIdentifier: 'PNOEE-30303039914',
          givenName: 'MARY',
          surname: 'SMITH',
          dateOfBirth: '1990-03-03',
          country: 'EE',
          level: 'QUALIFIED',
        },
        pin1: PIN1,
        pin2: '73920',
        profile: 'test-2048',
      });
      const refused = { code: 'SERVER_ERROR', status: 404, problemCode: 'WEB_PUSH_NOT_CONFIGURED' };
      await expect(
        registerPushSubscription(elsewhere, {
          endpoint: `${push.origin}/push/x`,
          keys: newSubscriptionKeys().keys,
        }),
      ).rejects.toMatchObject(refused);
      await expect(unregisterPushSubscription(elsewhere)).rejects.toMatchObject(refused);
    } finally {
      await off.close();
    }
  }, 60_000);

  it('keeps the VAPID key pair across a restart on the same database', async () => {
    const schema = `tessera_push_${randomBytes(6).toString('hex')}`;
    try {
      const open = async () => {
        const store = await openStore({ url: TEST_DATABASE_URL, schema });
        try {
          const sender = await openWebPushSender({ store: store.webPush, subject: 'mailto:ops@id.example' });
          const row = await store.db.selectFrom('web_push_vapid_keys').selectAll().executeTakeFirstOrThrow();
          return {
            publicKey: sender.publicKey,
            privateKeyDigest: createHash('sha256').update(row.private_key).digest('hex'),
          };
        } finally {
          await store.close();
        }
      };
      const first = await open();
      const second = await open();
      expect(second).toEqual(first);
      expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    } finally {
      await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }, 60_000);
});
