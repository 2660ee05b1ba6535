/**
 * The app API refuses what a real device would never send with a 4xx problem, and stores nothing: requests
 * that fail device authentication, bodies that break the schema, envelopes for another device, certification
 * requests for another key, splits that do not add up, other devices' accounts and transactions.
 */
import {
  decodeBase64url,
  encodeBase64url,
  openEnvelope,
  sealEnvelope,
  systemRandom,
} from '@tessera/crypto/node';
import { enrolIdentity } from '@tessera/device';
import {
  buildAppEnvelopeAssociatedData,
  decodeEnrolmentSharePlaintext,
  type EnrolmentRequest,
  type EnrolmentSharePlaintext,
  encodeEnrolmentSharePlaintext,
} from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { startDeviceLinkAuthentication } from '../support/relying-party.js';
import {
  createTestDeviceKey,
  injectDevice,
  signedInject,
  signRequest,
  type TestDeviceKey,
} from '../support/signed-app-client.js';

let server: TestIdentityServer;

const identity = {
  semanticsIdentifier: 'PNOEE-30303039914',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  dateOfBirth: '1903-03-03',
  country: 'EE',
  level: 'QUALIFIED' as const,
};
type Key = EnrolmentRequest['keys'][number];

async function countRows(table: 'accounts' | 'account_keys' | 'devices'): Promise<number> {
  const row = await server.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  server = await startTestIdentityServer();
}, 60_000);

/** A real enrolment request as a new device sends it (fresh keys), answered 503 so nothing is stored. */
async function record(): Promise<EnrolmentRequest> {
  let recorded: EnrolmentRequest | undefined;
  const device = injectDevice(server.app);
  const forward = device.transport.fetch;
  device.transport.fetch = async (url, init) => {
    if (!url.endsWith('/enrolments')) return forward(url, init);
    recorded = JSON.parse(new TextDecoder().decode(init.body)) as EnrolmentRequest;
    return new Response(null, { status: 503 });
  };
  await expect(
    enrolIdentity(device, { identity, pin1: '1234', pin2: '12345', profile: 'test-2048' }),
  ).rejects.toMatchObject({ status: 503 });
  return recorded!;
}

afterAll(async () => {
  await server?.close();
});

/**
 * A fresh recorded enrolment as device `key` would send it: its id and public key, each envelope opened with the
 * server's key and sealed again for the new id, after `change` (which may alter the plaintext or the key entry).
 */
async function enrolmentFor(
  key: TestDeviceKey,
  change: (entry: { key: Key; plaintext: EnrolmentSharePlaintext; other: Key }) => Key | undefined = () =>
    undefined,
): Promise<EnrolmentRequest> {
  const recorded = await record();
  const keys = await Promise.all(
    recorded.keys.map(async (k, i) => {
      const plaintext = decodeEnrolmentSharePlaintext(
        await openEnvelope({
          recipient: server.secrets.envelopeKey,
          envelope: decodeBase64url(k.sealedServerShare),
          associatedData: buildAppEnvelopeAssociatedData({
            kind: 'enrolment',
            deviceId: recorded.deviceId,
            purpose: k.purpose,
          }),
        }),
      );
      const changed = change({ key: k, plaintext, other: recorded.keys[1 - i]! }) ?? k;
      const sealed = await sealEnvelope({
        recipientPublicKey: server.secrets.envelopeKey.publicKey,
        plaintext: encodeEnrolmentSharePlaintext(plaintext),
        associatedData: buildAppEnvelopeAssociatedData({
          kind: 'enrolment',
          deviceId: key.deviceId,
          purpose: k.purpose,
        }),
        random: systemRandom,
      });
      return { ...changed, sealedServerShare: encodeBase64url(sealed) };
    }),
  );
  return { ...recorded, deviceId: key.deviceId, devicePublicKeyJwk: key.publicKeyJwk, keys };
}

async function enrol(build: (key: TestDeviceKey) => Promise<unknown> | unknown) {
  const key = await createTestDeviceKey();
  return signedInject(server.app, key, { method: 'POST', url: '/app/v1/enrolments', body: await build(key) });
}

describe('enrolment', () => {
  it('is accepted when resealed for a new device: the recording is a valid enrolment', async () => {
    const res = await enrol((key) => enrolmentFor(key));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().documentNumber).toMatch(/^PNOEE-30303039914-....-Q$/);
  }, 30_000);

  it.each([
    [
      'one key only',
      (key: TestDeviceKey) => enrolmentFor(key).then((b) => ({ ...b, keys: [b.keys[0]] })),
      400,
      'FST_ERR_VALIDATION',
    ],
    [
      'a date of birth that is no date',
      (key: TestDeviceKey) =>
        enrolmentFor(key).then((b) => ({ ...b, identity: { ...b.identity, dateOfBirth: '3 March' } })),
      400,
      'FST_ERR_VALIDATION',
    ],
    [
      'a malformed semantics identifier',
      (key: TestDeviceKey) =>
        enrolmentFor(key).then((b) => ({
          ...b,
          identity: { ...b.identity, semanticsIdentifier: 'ABCEE-1' },
        })),
      400,
      'MALFORMED_SEMANTICS_IDENTIFIER',
    ],
    [
      'the same purpose twice',
      (key: TestDeviceKey) => enrolmentFor(key).then((b) => ({ ...b, keys: [b.keys[0], b.keys[0]] })),
      400,
      'KEYS_INCOMPLETE',
    ],
    [
      'envelopes sealed for another device',
      async (key: TestDeviceKey) => ({
        ...(await record()),
        deviceId: key.deviceId,
        devicePublicKeyJwk: key.publicKeyJwk,
      }),
      400,
      'MALFORMED_CIPHERTEXT',
    ],
    [
      'another device id in the body than in the signature',
      (key: TestDeviceKey) => enrolmentFor(key).then((b) => ({ ...b, deviceId: 'A'.repeat(22) })),
      400,
      'DEVICE_ID_MISMATCH',
    ],
    [
      'the certification requests swapped',
      (key: TestDeviceKey) =>
        enrolmentFor(key, ({ key: k, other }) => ({
          ...k,
          certificationRequest: other.certificationRequest,
        })),
      400,
      'CSR_KEY_MISMATCH',
    ],
    [
      'a certification request that is not one',
      (key: TestDeviceKey) => enrolmentFor(key, ({ key: k }) => ({ ...k, certificationRequest: 'AAAA' })),
      400,
      'CSR_KEY_MISMATCH',
    ],
    [
      'a partial signature that does not complete',
      (key: TestDeviceKey) =>
        enrolmentFor(key, ({ plaintext }) => {
          plaintext.partialSignature[5]! ^= 1;
          return undefined;
        }),
      400,
      'KEY_SPLIT_INVALID',
    ],
    [
      'a server share that does not complete the device share',
      (key: TestDeviceKey) =>
        enrolmentFor(key, ({ plaintext }) => {
          plaintext.serverShare[3]! ^= 1;
          return undefined;
        }),
      400,
      'KEY_SPLIT_INVALID',
    ],
    [
      'a truncated partial signature',
      (key: TestDeviceKey) =>
        enrolmentFor(key, ({ plaintext }) => {
          plaintext.partialSignature = plaintext.partialSignature.slice(1);
          return undefined;
        }),
      400,
      'KEY_SPLIT_INVALID',
    ],
  ] as const)(
    'refuses %s and stores nothing',
    async (_name, build, status, code) => {
      const before = await Promise.all([
        countRows('accounts'),
        countRows('account_keys'),
        countRows('devices'),
      ]);
      const res = await enrol(build);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json().errors?.[0]?.code).toBe(code);
      expect(
        await Promise.all([countRows('accounts'), countRows('account_keys'), countRows('devices')]),
      ).toEqual(before);
    },
    30_000,
  );

  it('is refused outside the sandbox (declared identities are a sandbox method)', async () => {
    const strict = await startTestIdentityServer({ TESSERA_SANDBOX: 'off' });
    try {
      const key = await createTestDeviceKey();
      const res = await signedInject(strict.app, key, {
        method: 'POST',
        url: '/app/v1/enrolments',
        body: { ...(await record()), deviceId: key.deviceId },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().errors[0].code).toBe('IDENTITY_PROOFING_REQUIRED');
    } finally {
      await strict.close();
    }
  }, 60_000);
});

describe('device authentication', () => {
  it('refuses unsigned, unknown-device, forged, stale and replayed requests with 401', async () => {
    const unsigned = await server.app.inject({ method: 'GET', url: '/app/v1/accounts' });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().errors[0].code).toBe('MALFORMED_DEVICE_REQUEST');

    const unknown = await signedInject(server.app, await createTestDeviceKey(), {
      method: 'GET',
      url: '/app/v1/accounts',
    });
    expect(unknown.json().errors[0].code).toBe('DEVICE_NOT_FOUND');

    const key = await createTestDeviceKey();
    expect((await enrol(() => enrolmentFor(key))).statusCode).toBe(401); // signed by another key than the body's
    const registered = await signedInject(server.app, key, {
      method: 'POST',
      url: '/app/v1/enrolments',
      body: await enrolmentFor(key),
    });
    expect(registered.statusCode).toBe(200);

    const impostor = { ...(await createTestDeviceKey()), deviceId: key.deviceId };
    const forged = await signedInject(server.app, impostor, { method: 'GET', url: '/app/v1/accounts' });
    expect(forged.json().errors[0].code).toBe('DEVICE_REQUEST_SIGNATURE_INVALID');

    const stale = await signedInject(server.app, key, {
      method: 'GET',
      url: '/app/v1/accounts',
      now: Date.now() - 3_600_000,
    });
    expect(stale.json().errors[0].code).toBe('DEVICE_REQUEST_NOT_FRESH');

    const { headers } = await signRequest(key, { method: 'GET', url: '/app/v1/accounts' });
    const first = await server.app.inject({ method: 'GET', url: '/app/v1/accounts', headers });
    expect(first.statusCode).toBe(200);
    const replay = await server.app.inject({ method: 'GET', url: '/app/v1/accounts', headers });
    expect(replay.json().errors[0].code).toBe('DEVICE_REQUEST_REPLAYED');
  }, 30_000);
});

describe("another device's accounts and transactions", () => {
  it('cannot be opened, read, answered, refused or deleted', async () => {
    const owner = injectDevice(server.app);
    const account = await enrolIdentity(owner, {
      identity: { ...identity, semanticsIdentifier: 'PNOLT-30303039914', country: 'LT' },
      pin1: '1234',
      pin2: '12345',
      profile: 'test-2048',
    });
    const stranger = await createTestDeviceKey();
    expect(
      (
        await signedInject(server.app, stranger, {
          method: 'POST',
          url: '/app/v1/enrolments',
          body: await enrolmentFor(stranger),
        })
      ).statusCode,
    ).toBe(200);

    const session = await startDeviceLinkAuthentication(server.url);
    const take = {
      deviceLink: session.link('QR'),
      documentNumber: account.documentNumber,
      userChallenge: 'A'.repeat(43),
      supportedInteractions: ['displayTextAndPIN'],
    };
    expect(
      (await signedInject(server.app, stranger, { method: 'POST', url: '/app/v1/device-links', body: take }))
        .statusCode,
    ).toBe(404);
    const { transaction } = (
      await signedInject(server.app, await ownerKey(owner), {
        method: 'POST',
        url: '/app/v1/device-links',
        body: take,
      })
    ).json();
    expect(transaction.transactionId).toBe(session.sessionID);

    for (const [method, url, body] of [
      ['GET', `/app/v1/transactions/${session.sessionID}`, undefined],
      [
        'POST',
        `/app/v1/transactions/${session.sessionID}/signature`,
        { keyId: `${account.documentNumber}/authentication`, sealedPartialSignature: 'AAAA' },
      ],
      ['POST', `/app/v1/transactions/${session.sessionID}/refusal`, { screen: 'DISPLAYTEXT_AND_PIN' }],
      ['DELETE', `/app/v1/accounts/${account.documentNumber}`, undefined],
    ] as const) {
      const res = await signedInject(server.app, stranger, { method, url, body });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    expect(
      (
        await signedInject(server.app, await ownerKey(owner), {
          method: 'GET',
          url: `/app/v1/transactions/${session.sessionID}`,
        })
      ).statusCode,
    ).toBe(200);
  }, 60_000);
});

/** The device key of a device created by @tessera/device (its vault keeps a non-extractable key object). */
async function ownerKey(device: ReturnType<typeof injectDevice>): Promise<TestDeviceKey> {
  const data = (await device.vault.load())!;
  return {
    deviceId: data.deviceId,
    privateKey: data.deviceKey.privateKey as CryptoKey,
    publicKeyJwk: data.deviceKey.publicKeyJwk,
  };
}
