import { systemRandom } from '@tessera/crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type Account,
  type AccountKey,
  type AuditLog,
  type CertificateRevocationReason,
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createMemoryAuditLog,
  createMemoryDeviceStore,
  type DeviceStore,
  deleteDeviceAccount,
  listDeviceAccounts,
  recordDeviceNonce,
  registerDevice,
} from '../src/index.js';

let now: number;
const clock = { now: () => now };
let devices: DeviceStore;
let audit: AuditLog;

async function newDeviceKey(): Promise<JsonWebKey> {
  const pair = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  // As the app exports it: with key_ops and ext beside the point.
  return globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
}

const deps = () => ({ devices, audit, clock, random: systemRandom });

beforeEach(() => {
  now = Date.parse('2026-11-22T10:00:00Z');
  devices = createMemoryDeviceStore();
  audit = createMemoryAuditLog();
});

describe('registering a device', () => {
  it('keeps only the public point, and gives the same device back when it enrols again with its key', async () => {
    const jwk = await newDeviceKey();
    const device = await registerDevice(deps(), { deviceId: 'dev-AAAAAAAAAAAAAAAAAAAA', publicKeyJwk: jwk });
    expect(device).toEqual({
      id: 'dev-AAAAAAAAAAAAAAAAAAAA',
      publicKeyJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      awaitingLinkedSignature: null,
      createdAt: now,
    });
    now += 1_000;
    expect(await registerDevice(deps(), { deviceId: device.id, publicKeyJwk: jwk })).toEqual(device);
    expect((await audit.listByDevice(device.id)).map((e) => e.kind)).toEqual(['DEVICE_REGISTERED']);
  });

  it('refuses another key under a registered device id, so re-enrolling cannot take a device over', async () => {
    const device = await registerDevice(deps(), {
      deviceId: 'dev-BBBBBBBBBBBBBBBBBBBB',
      publicKeyJwk: await newDeviceKey(),
    });
    await expect(
      registerDevice(deps(), { deviceId: device.id, publicKeyJwk: await newDeviceKey() }),
    ).rejects.toMatchObject({ code: 'DEVICE_EXISTS' });
    expect((await devices.get(device.id))?.publicKeyJwk).toEqual(device.publicKeyJwk);
  });

  it('registers a device once when its first two enrolments arrive together', async () => {
    const jwk = await newDeviceKey();
    const both = await Promise.all([
      registerDevice(deps(), { deviceId: 'dev-CCCCCCCCCCCCCCCCCCCC', publicKeyJwk: jwk }),
      registerDevice(deps(), { deviceId: 'dev-CCCCCCCCCCCCCCCCCCCC', publicKeyJwk: jwk }),
    ]);
    expect(both[0]).toEqual(both[1]);
  });

  it('refuses a private key, another curve, a point off the curve and a malformed id', async () => {
    const jwk = await newDeviceKey();
    const register = (publicKeyJwk: JsonWebKey, deviceId = 'dev-DDDDDDDDDDDDDDDDDDDD') =>
      registerDevice(deps(), { deviceId, publicKeyJwk });
    const pair = (await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
    ])) as CryptoKeyPair;
    const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
    // A middle character carries six bits of y, so changing it moves the point off the curve.
    const y = jwk.y ?? '';
    const flipped = `${y.slice(0, 10)}${y[10] === 'A' ? 'B' : 'A'}${y.slice(11)}`;
    for (const bad of [
      privateJwk,
      { ...jwk, crv: 'P-384' },
      { ...jwk, kty: 'RSA' },
      { ...jwk, y: flipped },
      { ...jwk, x: 'short' },
    ]) {
      await expect(register(bad)).rejects.toMatchObject({ code: 'INVALID_DEVICE_KEY' });
    }
    await expect(register(jwk, 'short')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(register(jwk, 'has/slash/aaaaaaaaaaaaa')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await devices.get('dev-DDDDDDDDDDDDDDDDDDDD')).toBeUndefined();
  });
});

describe('replay protection', () => {
  const nonce = 'bm9uY2Utb25lLXR3by10aHJlZQ';
  const record = (n = nonce, deviceId = 'dev-EEEEEEEEEEEEEEEEEEEE') =>
    recordDeviceNonce({ devices, clock }, { deviceId, nonce: n, maxSkewMs: 60_000 });

  it('refuses a nonce the device used while a request carrying it could still be fresh', async () => {
    expect(await record()).toBe(true);
    expect(await record()).toBe(false);
    now += 120_000;
    expect(await record()).toBe(false);
    expect(await record(nonce, 'dev-FFFFFFFFFFFFFFFFFFFF')).toBe(true);
  });

  it('forgets a nonce once twice the allowed skew has passed, when its request is stale anyway', async () => {
    expect(await record()).toBe(true);
    now += 120_001;
    expect(await record('b3RoZXItbm9uY2UtdmFsdWU')).toBe(true);
    expect(await record()).toBe(true);
  });

  it('refuses a malformed nonce and a non-positive skew', async () => {
    await expect(record('not a nonce')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      recordDeviceNonce({ devices, clock }, { deviceId: 'dev-1', nonce, maxSkewMs: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe("a device's accounts", () => {
  const account = (id: string, deviceId: string, createdAt: number): Account => {
    const documentNumber = `PNOEE-30303039914-${id}-Q`;
    return {
      id,
      documentNumber,
      identity: {
        semanticsIdentifier: 'PNOEE-30303039914',
        givenName: 'OK',
        surname: 'TESTNUMBER',
        country: 'EE',
        dateOfBirth: '1903-03-03',
      },
      level: 'QUALIFIED',
      deviceId,
      state: 'active',
      validFrom: createdAt,
      validTo: createdAt + 94_608_000_000,
      authenticationKeyId: `${documentNumber}/authentication`,
      signingKeyId: `${documentNumber}/signing`,
      createdAt,
    };
  };
  const certifiedKey = (id: string, serial: string | null): AccountKey => ({
    id,
    accountId: id.split('/')[0] as string,
    purpose: id.endsWith('signing') ? 'signing' : 'authentication',
    modulus: BigInt(`0x${Buffer.from(id).toString('hex')}`),
    publicExponent: 65537n,
    wrappedServerShare: new Uint8Array(8),
    lock: { wrongAttempts: 0, lockedUntil: null, permanent: false },
    cloneToken: { currentHash: new Uint8Array(32), previous: null, retiredHashes: [] },
    inFlight: null,
    lastOutcome: null,
    certificate: serial === null ? null : { serial, der: new Uint8Array([0x30, 0]) },
    createdAt: now,
  });

  let revoked: [string, CertificateRevocationReason][];
  const setup = async () => {
    revoked = [];
    const accounts = createMemoryAccountStore();
    const keys = createMemoryAccountKeyStore();
    const mine = account('MINE', 'dev-mine-000000000000', now);
    await accounts.insert(account('LATE', 'dev-mine-000000000000', now + 1));
    await accounts.insert(mine);
    await accounts.insert(account('THRS', 'dev-theirs-0000000000', now));
    await keys.insert(certifiedKey(mine.authenticationKeyId, '0A01'));
    await keys.insert(certifiedKey(mine.signingKeyId, '0A02'));
    const revoker = {
      revoke: async (serial: string, reason: CertificateRevocationReason) => {
        revoked.push([serial, reason]);
      },
    };
    return { accounts, keys, revoker, audit, clock, random: systemRandom, mine };
  };

  it('lists them oldest first, without deleted ones or another device’s', async () => {
    const d = await setup();
    const listed = await listDeviceAccounts(d, 'dev-mine-000000000000');
    expect(listed.map((a) => a.id)).toEqual(['MINE', 'LATE']);
    await d.accounts.update(d.mine.documentNumber, (a) => ({ ...a, state: 'deleted' }));
    expect((await listDeviceAccounts(d, 'dev-mine-000000000000')).map((a) => a.id)).toEqual(['LATE']);
  });

  it('deletes one: deleted, audited once, both certificates revoked, and a repeat revokes again', async () => {
    const d = await setup();
    const input = { deviceId: 'dev-mine-000000000000', documentNumber: d.mine.documentNumber };
    expect(await deleteDeviceAccount(d, input)).toMatchObject({ state: 'deleted' });
    expect(revoked).toEqual([
      ['0A01', 'cessationOfOperation'],
      ['0A02', 'cessationOfOperation'],
    ]);
    expect(await deleteDeviceAccount(d, input)).toMatchObject({ state: 'deleted' });
    expect(revoked).toHaveLength(4);
    expect((await audit.listByAccount(d.mine.documentNumber)).map((e) => e.kind)).toEqual([
      'ACCOUNT_DELETED',
    ]);
  });

  it("does not let a device delete, or learn of, another device's account", async () => {
    const d = await setup();
    for (const documentNumber of ['PNOEE-30303039914-THRS-Q', 'PNOEE-30303039914-NONE-Q']) {
      await expect(
        deleteDeviceAccount(d, { deviceId: 'dev-mine-000000000000', documentNumber }),
      ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    }
    expect((await d.accounts.get('PNOEE-30303039914-THRS-Q'))?.state).toBe('active');
    expect(revoked).toEqual([]);
  });
});
