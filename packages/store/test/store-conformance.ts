/**
 * The one conformance suite every store passes (SQL on PGlite and PostgreSQL, and core's in-memory
 * store): what the domain relies on — faithful round trips, uniqueness, atomic updates under a per-key lock,
 * and the lock ladder and clone detection holding through a real store.
 */
import {
  type Account,
  type AccountKey,
  type AccountKeyStore,
  type AccountStore,
  type AuditEvent,
  type AuditLog,
  attemptSignature,
  createSoftwareKeyShareVault,
  type Device,
  type DevicePushSubscription,
  type DeviceStore,
  type KeyUpdate,
  type RelyingPartyStore,
  type RpSession,
  registerAccountKey,
  type SessionStore,
  type WebPushStore,
} from '@tessera/core';
import { completeOnCallingThread, createPinLockState, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { generateTestKey, TestDevice } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The repositories under test. */
export interface StoresUnderTest {
  readonly keys: AccountKeyStore;
  readonly accounts: AccountStore;
  readonly relyingParties: RelyingPartyStore;
  readonly sessions: SessionStore;
  readonly devices: DeviceStore;
  readonly audit: AuditLog;
  readonly webPush: WebPushStore;
  close(): Promise<void>;
}

/** Opens a fresh, empty store for one run of the suite. */
export type OpenStores = () => Promise<StoresUnderTest>;

const HOUR = 3_600_000;

function sampleKey(id: string, modulus: bigint): AccountKey {
  return {
    id,
    accountId: `account-of-${id}`,
    purpose: 'signing',
    modulus,
    publicExponent: 65537n,
    wrappedServerShare: Uint8Array.from([0, 1, 2, 254, 255]),
    lock: createPinLockState(),
    cloneToken: {
      currentHash: new Uint8Array(32).fill(7),
      previous: {
        tokenHash: new Uint8Array(32).fill(1),
        requestDigest: new Uint8Array(32),
        response: new Uint8Array(65),
      },
      retiredHashes: [new Uint8Array(32).fill(9)],
    },
    inFlight: { transactionId: 'tx-1', since: 1_700_000_000_123 },
    lastOutcome: {
      outcome: 'WRONG_PIN',
      wrongAttempts: 1,
      attemptsLeftBeforeNextLock: 2,
      lockedUntil: null,
      permanent: false,
      nextCloneToken: new Uint8Array(65).fill(3),
    },
    certificate: { serial: '7F01AB', der: Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]) },
    createdAt: 1_700_000_000_000,
  };
}

/** Defines the whole suite under `name`, on one store opened for it. */
export function describeStore(name: string, open: OpenStores): void {
  describe(name, () => {
    let opened: StoresUnderTest;
    beforeAll(async () => {
      opened = await open();
    }, 60_000);
    afterAll(async () => {
      await opened?.close();
    });
    describeAccountKeys(() => opened);
    describeAccounts(() => opened);
    describeRelyingPartiesAndSessions(() => opened);
    describeDevices(() => opened);
    describeWebPush(() => opened);
    describeAuditLog(() => opened);
  });
}

function describeAccountKeys(get: () => StoresUnderTest): void {
  describe('account keys', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it('reads back a key field for field: integers, bytes, lock, clone token, in-flight attempt, last outcome', async () => {
      const key = sampleKey('round-trip', (1n << 3071n) + 12345n);
      await store.keys.insert(key);
      expect(await store.keys.get('round-trip')).toEqual(key);
      expect(await store.keys.get('absent')).toBeUndefined();
    });

    it('refuses a second key with the same id or the same modulus', async () => {
      await store.keys.insert(sampleKey('unique-1', 1001n));
      await expect(store.keys.insert(sampleKey('unique-1', 1003n))).rejects.toMatchObject({
        code: 'KEY_EXISTS',
      });
      await expect(store.keys.insert(sampleKey('unique-2', 1001n))).rejects.toMatchObject({
        code: 'KEY_EXISTS',
      });
      expect(await store.keys.listModuli()).toEqual(expect.arrayContaining([1001n]));
    });

    it('saves what an update decides, and nothing when the decision throws', async () => {
      await store.keys.insert(sampleKey('update', 2001n));
      const result = await store.keys.update('update', (k) => ({
        key: { ...k, inFlight: null, lock: { ...k.lock, wrongAttempts: 4 } },
        result: 'saved',
      }));
      expect(result).toBe('saved');
      await expect(
        store.keys.update('update', (k) => {
          void k;
          throw new Error('decided against it');
        }),
      ).rejects.toThrow('decided against it');
      expect(await store.keys.get('update')).toMatchObject({ inFlight: null, lock: { wrongAttempts: 4 } });
      await expect(store.keys.update('no-such-key', (k) => ({ result: k }))).rejects.toMatchObject({
        code: 'KEY_NOT_FOUND',
      });
    });

    it('runs concurrent updates of one key one after another, losing none', async () => {
      await store.keys.insert(sampleKey('counter', 3001n));
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.keys.update('counter', async (k) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            return {
              key: { ...k, lock: { ...k.lock, wrongAttempts: k.lock.wrongAttempts + 1 } },
              result: null,
            };
          }),
        ),
      );
      expect((await store.keys.get('counter'))?.lock.wrongAttempts).toBe(20);
    });

    it('decides on a key it saved when that is still the stored one, and on the stored key when not', async () => {
      await store.keys.insert(sampleKey('known', 4001n));
      const raise = (k: AccountKey): KeyUpdate<AccountKey> => {
        const key = { ...k, lock: { ...k.lock, wrongAttempts: k.lock.wrongAttempts + 1 } };
        return { key, result: key };
      };
      const first = await store.keys.update('known', raise);
      const second = await store.keys.update('known', raise, first);
      expect(second.lock.wrongAttempts).toBe(2);
      // `first` is stale now: its decision is not written over the newer key, the stored key decides.
      const third = await store.keys.update('known', raise, first);
      expect(third.lock.wrongAttempts).toBe(3);
      // Nor does a stale copy's "nothing to change" or refusal count: the stored key is asked.
      const asked: number[] = [];
      const onlyFromTwo = (k: AccountKey): KeyUpdate<number> => {
        asked.push(k.lock.wrongAttempts);
        if (k.lock.wrongAttempts < 2) throw new Error('refused on a stale copy');
        return { result: k.lock.wrongAttempts };
      };
      expect(await store.keys.update('known', onlyFromTwo, first)).toBe(3);
      expect(asked.at(-1)).toBe(3);
      expect((await store.keys.get('known'))?.lock.wrongAttempts).toBe(3);
    });

    it('keeps the lock ladder and clone detection through the store', async () => {
      let now = Date.parse('2026-11-22T10:00:00Z');
      const clock = { now: () => now };
      const vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
      const key = generateTestKey();
      const device = TestDevice.enrol('ladder-key', key, '2580');
      await registerAccountKey(
        { keys: store.keys, vault, clock },
        {
          ...device.registration(key),
          accountId: 'account-ladder',
          purpose: 'authentication',
          allowedModulusBits: [2048],
        },
      );
      const deps = {
        keys: store.keys,
        vault,
        completer: completeOnCallingThread(createOpensslModExp()),
        clock,
        random: systemRandom,
        audit: store.audit,
      };
      let tx = 0;
      const sign = (from: TestDevice, pin: string) =>
        from.sign(
          (request) => attemptSignature(deps, request).then((a) => a.outcome),
          `tx-${++tx}`,
          'Log in',
          pin,
        );

      const requests = [device.request('p-1', 'a', '0000'), device.request('p-2', 'b', '0000')];
      const parallel = await Promise.all(
        requests.map((r) => attemptSignature(deps, r).then((a) => a.outcome)),
      );
      expect(parallel.map((o) => o.outcome).sort()).toEqual(['BUSY', 'WRONG_PIN']);
      const counted = parallel.findIndex((o) => o.outcome === 'WRONG_PIN');
      device.accept(requests[counted]!, parallel[counted]!);
      expect(await sign(device, '0000')).toMatchObject({ outcome: 'WRONG_PIN', wrongAttempts: 2 });
      expect(await sign(device, '0000')).toMatchObject({ outcome: 'WRONG_PIN', lockedUntil: now + 3 * HOUR });
      expect(await sign(device, '2580')).toMatchObject({ outcome: 'LOCKED', permanent: false });
      now += 3 * HOUR;
      const copy = device.clone();
      expect(await sign(device, '2580')).toMatchObject({ outcome: 'OK' });
      expect(await sign(copy, '2580')).toEqual({ outcome: 'CLONE_DETECTED' });
      expect(await sign(device, '2580')).toEqual({ outcome: 'LOCKED', lockedUntil: null, permanent: true });
      const events = await store.audit.listByAccount('account-ladder');
      expect(events.map((e) => [e.kind, e.keyId])).toEqual([
        ['KEY_LOCKED', 'ladder-key'],
        ['CLONE_DETECTED', 'ladder-key'],
      ]);
      expect(events[0]?.details).toMatchObject({
        wrongAttempts: 3,
        lockedUntil: now,
        purpose: 'authentication',
      });
    });
  });
}

function sampleSession(id: string, token: string): RpSession {
  return {
    id,
    relyingPartyId: '00000000-0000-4000-8000-000000000000',
    relyingPartyName: 'DEMO',
    kind: 'authentication',
    flow: 'device-link',
    // Not the column's default, so a store that drops it fails the round trip.
    rpApiVersion: 'v2',
    request: { relyingPartyName: 'DEMO', interactions: 'W10=', nested: { a: [1, 'b', null] } },
    sessionToken: token,
    sessionSecret: 'B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=',
    state: 'RUNNING',
    target: null,
    verificationCode: null,
    brokeredRpName: 'Broker Ltd',
    ignoredProperties: ['futureProperty'],
    fingerprint: null,
    transaction: null,
    result: null,
    version: 1,
    createdAt: 1_790_000_000_000,
    expiresAt: 1_790_000_120_000,
    completedAt: null,
  };
}

function describeRelyingPartiesAndSessions(get: () => StoresUnderTest): void {
  describe('relying parties and sessions', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it('registers a relying party, reads it back, and replaces it by id', async () => {
      const rp = {
        id: '6f1d2c3b-1111-4222-8333-444455556666',
        names: ['Example Bank', 'EB'],
        allowedSources: ['127.0.0.0/8'],
        permissions: { advancedAccounts: false, shareDeviceIpAddress: true },
        brokerName: 'Broker Ltd',
      };
      await store.relyingParties.put(rp);
      expect(await store.relyingParties.get(rp.id)).toEqual(rp);
      const { brokerName: _, ...unbrokered } = rp;
      await store.relyingParties.put({ ...unbrokered, names: ['Example Bank'] });
      expect(await store.relyingParties.get(rp.id)).toEqual({ ...unbrokered, names: ['Example Bank'] });
      expect(await store.relyingParties.get('00000000-0000-4000-8000-00000000ffff')).toBeUndefined();
    });

    it('reads a session back field for field and refuses a second one with its id', async () => {
      const s = sampleSession('0c9d7a6e-0000-4000-8000-000000000001', 'tokenAAAAAAAAAAAAAAAAAAAAAAAA');
      await store.sessions.insert(s);
      expect(await store.sessions.get(s.id)).toEqual(s);
      expect(await store.sessions.findByToken(s.sessionToken)).toEqual(s);
      expect(await store.sessions.findByToken('tokenZZZZZZZZZZZZZZZZZZZZZZZZ')).toBeUndefined();
      await expect(store.sessions.insert(s)).rejects.toMatchObject({ code: 'SESSION_EXISTS' });
      expect(await store.sessions.get('0c9d7a6e-0000-4000-8000-0000000000ff')).toBeUndefined();
    });

    it('raises the version with every change, loses none under concurrency, and keeps it when nothing changes', async () => {
      const s = sampleSession('0c9d7a6e-0000-4000-8000-000000000002', 'tokenBBBBBBBBBBBBBBBBBBBBBBBB');
      await store.sessions.insert(s);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.sessions.update(s.id, (x) => ({ ...x, expiresAt: x.expiresAt + 1 })),
        ),
      );
      const changed = await store.sessions.get(s.id);
      expect(changed).toMatchObject({ version: 11, expiresAt: s.expiresAt + 10 });
      const done = await store.sessions.update(s.id, (x) => ({
        ...x,
        state: 'COMPLETE',
        result: {
          endResult: 'OK',
          documentNumber: 'PNOEE-30303039914-MOCK-Q',
          response: { cert: { value: 'AQ==' } },
        },
        completedAt: 1_790_000_060_000,
      }));
      expect(await store.sessions.get(s.id)).toEqual(done);
      expect(await store.sessions.update(s.id, () => undefined)).toEqual(done);
      await expect(
        store.sessions.update('0c9d7a6e-0000-4000-8000-0000000000fe', (x) => x),
      ).rejects.toMatchObject({
        code: 'SESSION_NOT_FOUND',
      });
    });

    it("decides on the caller's copy of a session when it is current, and on the stored one when it is stale", async () => {
      const s = sampleSession('0c9d7a6e-0000-4000-8000-000000000003', 'tokenKKKKKKKKKKKKKKKKKKKKKKKK');
      await store.sessions.insert(s);
      const seen: number[] = [];
      const later = (x: RpSession) => {
        seen.push(x.version);
        return { ...x, expiresAt: x.expiresAt + 1 };
      };
      // Current: decided once, on the copy.
      const first = await store.sessions.update(s.id, later, s);
      expect(seen).toEqual([1]);
      expect(await store.sessions.get(s.id)).toEqual(first);
      // Stale (version 1 while 2 is stored): the write over version 1 is lost, the stored session decides.
      seen.length = 0;
      const second = await store.sessions.update(s.id, later, s);
      expect(seen.at(-1)).toBe(2);
      expect(second).toMatchObject({ version: 3, expiresAt: s.expiresAt + 2 });
      expect(await store.sessions.get(s.id)).toEqual(second);
      // "Nothing to change" on a stale copy is not trusted either: the stored session is asked.
      const stale = { ...s, state: 'COMPLETE' as const };
      const third = await store.sessions.update(
        s.id,
        (x) => (x.state === 'RUNNING' ? { ...x, expiresAt: x.expiresAt + 1 } : undefined),
        stale,
      );
      expect(third).toMatchObject({ version: 4, expiresAt: s.expiresAt + 3 });
    });

    it('finds the newest session with a fingerprint created since a moment', async () => {
      const at = (id: number, token: string, createdAt: number, fingerprint: string | null) => ({
        ...sampleSession(`0c9d7a6e-0000-4000-8000-0000000002${id}0`, token),
        kind: 'signature' as const,
        fingerprint,
        createdAt,
      });
      const older = at(1, 'tokenGGGGGGGGGGGGGGGGGGGGGGGG', 1_790_000_000_000, 'fp-1');
      const newer = at(2, 'tokenHHHHHHHHHHHHHHHHHHHHHHHH', 1_790_000_010_000, 'fp-1');
      const other = at(3, 'tokenIIIIIIIIIIIIIIIIIIIIIIII', 1_790_000_011_000, 'fp-2');
      for (const s of [older, newer, other]) await store.sessions.insert(s);
      expect((await store.sessions.findByFingerprint('fp-1', 1_789_999_999_000))?.id).toBe(newer.id);
      expect(await store.sessions.findByFingerprint('fp-1', 1_790_000_010_001)).toBeUndefined();
      expect(await store.sessions.findByFingerprint('fp-9', 0)).toBeUndefined();
      expect(await store.sessions.get(newer.id)).toEqual(newer);
    });

    it('lists the running, unexpired sessions that target any of some accounts, oldest first', async () => {
      const doc = (n: number) => `PNOLV-030403-1001${n}-ABCD-Q`;
      const targeted = (id: number, token: string, documentNumbers: string[], createdAt: number) => ({
        ...sampleSession(`0c9d7a6e-0000-4000-8000-0000000001${id}0`, token),
        flow: 'notification' as const,
        target: { documentNumbers },
        verificationCode: '4927',
        createdAt,
      });
      const later = targeted(1, 'tokenCCCCCCCCCCCCCCCCCCCCCCCC', [doc(1), doc(2)], 1_790_000_000_500);
      const earlier = targeted(2, 'tokenDDDDDDDDDDDDDDDDDDDDDDDD', [doc(2)], 1_790_000_000_100);
      const other = targeted(3, 'tokenEEEEEEEEEEEEEEEEEEEEEEEE', [doc(3)], 1_790_000_000_000);
      const done = targeted(4, 'tokenFFFFFFFFFFFFFFFFFFFFFFFF', [doc(1)], 1_790_000_000_000);
      for (const s of [later, earlier, other, done]) await store.sessions.insert(s);
      await store.sessions.update(done.id, (x) => ({
        ...x,
        state: 'COMPLETE',
        completedAt: 1_790_000_001_000,
      }));
      expect(await store.sessions.get(later.id)).toEqual(later);

      const now = 1_790_000_010_000;
      const ids = async (docs: string[], at = now) =>
        (await store.sessions.listRunningByDocumentNumbers(docs, at)).map((s) => s.id);
      expect(await ids([doc(1), doc(2)])).toEqual([earlier.id, later.id]);
      expect(await ids([doc(1)])).toEqual([later.id]);
      expect(await ids([doc(9)])).toEqual([]);
      expect(await ids([])).toEqual([]);
      expect(await ids([doc(2)], later.expiresAt)).toEqual([]);
    });
  });
}

function sampleAccount(id: string, semanticsIdentifier = 'PNOEE-30303039914'): Account {
  const documentNumber = `${semanticsIdentifier}-${id}-Q`;
  return {
    id,
    documentNumber,
    identity: {
      semanticsIdentifier,
      givenName: 'OK',
      surname: 'TESTNUMBER',
      country: 'EE',
      dateOfBirth: '1903-03-03',
    },
    level: 'QUALIFIED',
    deviceId: 'device-1',
    state: 'pending',
    validFrom: 1_790_000_000_000,
    validTo: 1_884_608_000_000,
    authenticationKeyId: `${documentNumber}/authentication`,
    signingKeyId: `${documentNumber}/signing`,
    createdAt: 1_790_000_000_000,
  };
}

function describeAccounts(get: () => StoresUnderTest): void {
  describe('accounts', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it("reads an account back field for field, and lists a person's accounts", async () => {
      const a = sampleAccount('AB12');
      const b = { ...sampleAccount('CD34'), createdAt: a.createdAt + 1 };
      await store.accounts.insert(a);
      await store.accounts.insert(b);
      await store.accounts.insert(sampleAccount('AB12', 'PNOLV-010101-12345'));
      expect(await store.accounts.get(a.documentNumber)).toEqual(a);
      expect(await store.accounts.listBySemanticsIdentifier('PNOEE-30303039914')).toEqual([a, b]);
      expect(await store.accounts.get('PNOEE-30303039914-ZZZZ-Q')).toBeUndefined();
    });

    it('refuses a second account with the same document number', async () => {
      await store.accounts.insert(sampleAccount('EF56'));
      await expect(store.accounts.insert(sampleAccount('EF56'))).rejects.toMatchObject({
        code: 'ACCOUNT_EXISTS',
      });
    });

    it("lists a device's accounts, oldest first, and no other device's", async () => {
      const older = { ...sampleAccount('DV01'), deviceId: 'device-listed' };
      const newer = { ...sampleAccount('DV02'), deviceId: 'device-listed', createdAt: older.createdAt + 5 };
      await store.accounts.insert(newer);
      await store.accounts.insert({ ...sampleAccount('DV03'), deviceId: 'device-other' });
      await store.accounts.insert(older);
      expect(await store.accounts.listByDevice('device-listed')).toEqual([older, newer]);
      expect(await store.accounts.listByDevice('device-none')).toEqual([]);
    });

    it('saves an update and refuses an unknown account', async () => {
      const a = sampleAccount('GH78');
      await store.accounts.insert(a);
      expect(await store.accounts.update(a.documentNumber, (x) => ({ ...x, state: 'active' }))).toMatchObject(
        {
          state: 'active',
        },
      );
      expect((await store.accounts.get(a.documentNumber))?.state).toBe('active');
      await expect(store.accounts.update('PNOEE-1-XXXX-Q', (x) => x)).rejects.toMatchObject({
        code: 'ACCOUNT_NOT_FOUND',
      });
    });
  });
}

function sampleDevice(id: string): Device {
  return {
    id,
    publicKeyJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    },
    // Not null, so a store that drops it fails the round trip.
    awaitingLinkedSignature: {
      certificateChoiceId: 'a6f5e1d2-0c9b-4a8e-9f3d-1b2c3d4e5f60',
      until: 1_790_000_300_000,
    },
    createdAt: 1_790_000_000_000,
  };
}

function describeDevices(get: () => StoresUnderTest): void {
  describe('devices', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it('reads a device back field for field and refuses a second one with its id', async () => {
      const d = sampleDevice('device-round-trip-0001');
      await store.devices.insert(d);
      expect(await store.devices.get(d.id)).toEqual(d);
      expect(await store.devices.get('device-absent-00000001')).toBeUndefined();
      await expect(store.devices.insert(d)).rejects.toMatchObject({ code: 'DEVICE_EXISTS' });
    });

    it('saves an update (the end of a linked-signature wait) and refuses an unknown device', async () => {
      const d = sampleDevice('device-update-00000001');
      await store.devices.insert(d);
      const saved = await store.devices.update(d.id, (x) => ({ ...x, awaitingLinkedSignature: null }));
      expect(saved).toEqual({ ...d, awaitingLinkedSignature: null });
      expect(await store.devices.get(d.id)).toEqual(saved);
      await expect(store.devices.update('device-absent-00000002', (x) => x)).rejects.toMatchObject({
        code: 'DEVICE_NOT_FOUND',
      });
    });

    it("accepts a nonce once per device, and another device's use of it does not count", async () => {
      const at = 1_790_000_000_000;
      expect(await store.devices.recordNonce('device-n-1', 'nonce-aaaaaaaaaaaaaaa', at, at - 120_000)).toBe(
        true,
      );
      expect(
        await store.devices.recordNonce('device-n-1', 'nonce-aaaaaaaaaaaaaaa', at + 1, at - 119_999),
      ).toBe(false);
      expect(await store.devices.recordNonce('device-n-2', 'nonce-aaaaaaaaaaaaaaa', at, at - 120_000)).toBe(
        true,
      );
    });

    it('lets exactly one of many concurrent requests with one nonce through', async () => {
      const at = 1_790_000_000_000;
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          store.devices.recordNonce('device-race', 'nonce-raced-0000000', at, at - 120_000),
        ),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('forgets nonces seen before the cut-off and keeps the ones seen at or after it', async () => {
      const at = 1_790_000_000_000;
      await store.devices.recordNonce('device-forget', 'nonce-old-000000000', at, at - 120_000);
      await store.devices.recordNonce('device-forget', 'nonce-edge-00000000', at + 1_000, at - 119_000);
      const later = at + 121_000;
      expect(await store.devices.recordNonce('device-forget', 'nonce-new-000000000', later, at + 1_000)).toBe(
        true,
      );
      expect(await store.devices.recordNonce('device-forget', 'nonce-edge-00000000', later, at + 1_000)).toBe(
        false,
      );
      expect(await store.devices.recordNonce('device-forget', 'nonce-old-000000000', later, at + 1_000)).toBe(
        true,
      );
    });
  });
}

function sampleSubscription(deviceId: string, endpoint: string): DevicePushSubscription {
  return {
    deviceId,
    endpoint,
    keys: {
      p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ4jGsg1uPtQxzVbEsFVZzl2cxHgO0sTgiUcKXrAIFSrwA',
      auth: 'tBHItJI5svbpez7KI4CCXg',
    },
    createdAt: 1_790_000_000_000,
  };
}

function describeWebPush(get: () => StoresUnderTest): void {
  describe('web push', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it('keeps the first VAPID key pair it is given, also when two callers make one at once', async () => {
      let made = 0;
      const generate = async () => {
        made += 1;
        await new Promise((r) => setTimeout(r, 5));
        return { publicKey: `public-${made}`, privateKey: `private-${made}` };
      };
      const [a, b] = await Promise.all([
        store.webPush.ensureVapidKeys(generate),
        store.webPush.ensureVapidKeys(generate),
      ]);
      expect(b).toEqual(a);
      expect(a.publicKey).toMatch(/^public-[12]$/);
      expect(a.privateKey).toBe(a.publicKey.replace('public', 'private'));
      expect(
        await store.webPush.ensureVapidKeys(() => ({ publicKey: 'other', privateKey: 'other' })),
      ).toEqual(a);
    });

    it("reads a device's subscription back, replaces it with the next, and refuses one for an unknown device", async () => {
      await store.devices.insert(sampleDevice('device-push-00000001'));
      const first = sampleSubscription('device-push-00000001', 'https://push.example/send/first');
      await store.webPush.putSubscription(first);
      expect(await store.webPush.getSubscription(first.deviceId)).toEqual(first);
      const second = {
        ...sampleSubscription(first.deviceId, 'https://push.example/send/second'),
        keys: { p256dh: first.keys.p256dh.replace('B', 'C'), auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
        createdAt: first.createdAt + 1000,
      };
      await store.webPush.putSubscription(second);
      expect(await store.webPush.getSubscription(first.deviceId)).toEqual(second);
      expect(await store.webPush.getSubscription('device-push-absent-01')).toBeUndefined();
      await expect(
        store.webPush.putSubscription(sampleSubscription('device-push-absent-02', 'https://push.example/x')),
      ).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    });

    it('deletes a subscription, with an endpoint only while it is still the stored one', async () => {
      await store.devices.insert(sampleDevice('device-push-00000002'));
      const s = sampleSubscription('device-push-00000002', 'https://push.example/send/current');
      await store.webPush.putSubscription(s);
      expect(await store.webPush.deleteSubscription(s.deviceId, 'https://push.example/send/old')).toBe(false);
      expect(await store.webPush.getSubscription(s.deviceId)).toEqual(s);
      expect(await store.webPush.deleteSubscription(s.deviceId, s.endpoint)).toBe(true);
      expect(await store.webPush.getSubscription(s.deviceId)).toBeUndefined();
      await store.webPush.putSubscription(s);
      expect(await store.webPush.deleteSubscription(s.deviceId)).toBe(true);
      expect(await store.webPush.deleteSubscription(s.deviceId)).toBe(false);
    });
  });
}

function sampleEvent(id: string, at: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at,
    kind: 'KEY_LOCKED',
    accountId: 'PNOEE-30303039914-AUDT-Q',
    keyId: 'PNOEE-30303039914-AUDT-Q/authentication',
    deviceId: null,
    sessionId: '0c9d7a6e-0000-4000-8000-0000000000aa',
    details: { wrongAttempts: 3, lockedUntil: at + 10_800_000, purpose: 'authentication', serial: null },
    ...extra,
  };
}

function describeAuditLog(get: () => StoresUnderTest): void {
  describe('audit log', () => {
    let store: StoresUnderTest;
    beforeAll(() => {
      store = get();
    });

    it('lists the events of an account or a device in time order, ties in the order written', async () => {
      const at = 1_790_000_000_000;
      const late = sampleEvent('audit-1', at + 10);
      const tieFirst = sampleEvent('audit-2', at, { kind: 'CLONE_DETECTED', details: {} });
      const tieSecond = sampleEvent('audit-3', at, { kind: 'KEY_LOCKED_PERMANENTLY', details: { on: true } });
      const ofDevice = sampleEvent('audit-4', at, {
        kind: 'DEVICE_REGISTERED',
        accountId: null,
        keyId: null,
        sessionId: null,
        deviceId: 'device-audited-000001',
        details: {},
      });
      for (const e of [late, tieFirst, tieSecond, ofDevice]) await store.audit.append(e);
      expect(await store.audit.listByAccount('PNOEE-30303039914-AUDT-Q')).toEqual([
        tieFirst,
        tieSecond,
        late,
      ]);
      expect(await store.audit.listByDevice('device-audited-000001')).toEqual([ofDevice]);
      expect(await store.audit.listByAccount('PNOEE-30303039914-NONE-Q')).toEqual([]);
    });

    it('refuses a second event with the same id', async () => {
      await store.audit.append(sampleEvent('audit-dup', 1_790_000_000_000));
      await expect(store.audit.append(sampleEvent('audit-dup', 1_790_000_000_001))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
}
