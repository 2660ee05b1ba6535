import { bitLength, completeOnCallingThread, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { generateTestKey, TestDevice, verifiesWithNodeCrypto } from '@tessera/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type AccountKeyStore,
  attemptSignature,
  createMemoryAccountKeyStore,
  createSoftwareKeyShareVault,
  IN_FLIGHT_TIMEOUT_MS,
  type KeyShareVault,
  registerAccountKey,
} from '../src/index.js';

const HOUR = 3_600_000;
const PIN = '4711';
const WRONG = '1234';
const key = generateTestKey();
const completer = completeOnCallingThread(createOpensslModExp());

let now: number;
const clock = { now: () => now };
let keys: AccountKeyStore;
let vault: KeyShareVault;
let device: TestDevice;
let tx = 0;

const deps = () => ({ keys, vault, completer, clock, random: systemRandom });

/** Sends one request from `from` and lets it take the next token, as the real device does. */
function sign(from: TestDevice, pin: string, message = 'Log in to Example Bank') {
  return from.sign(
    (request) => attemptSignature(deps(), request).then((a) => a.outcome),
    `tx-${++tx}`,
    message,
    pin,
  );
}

beforeEach(async () => {
  now = Date.parse('2026-11-22T10:00:00Z');
  keys = createMemoryAccountKeyStore();
  vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
  device = TestDevice.enrol('key-auth-1', key, PIN);
  await registerAccountKey(
    { keys, vault, clock },
    {
      ...device.registration(key),
      accountId: 'account-1',
      purpose: 'authentication',
      allowedModulusBits: [2048],
    },
  );
});

describe('a signing attempt', () => {
  it('completes a signature node:crypto accepts under the right PIN, and rotates the clone token', async () => {
    const before = device.token.slice();
    const outcome = await sign(device, PIN, 'Pay 10 EUR');
    expect(outcome.outcome).toBe('OK');
    if (outcome.outcome !== 'OK') return;
    expect(verifiesWithNodeCrypto(key.modulus, key.publicExponent, 'Pay 10 EUR', outcome.signature)).toBe(
      true,
    );
    expect(device.token).not.toEqual(before);
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(0);
  });

  it('counts wrong PINs, locks for 3 hours at the third, refuses the right PIN until then, and resets after', async () => {
    expect(await sign(device, WRONG)).toMatchObject({
      outcome: 'WRONG_PIN',
      wrongAttempts: 1,
      lockedUntil: null,
    });
    expect(await sign(device, WRONG)).toMatchObject({ outcome: 'WRONG_PIN', wrongAttempts: 2 });
    expect(await sign(device, WRONG)).toMatchObject({
      outcome: 'WRONG_PIN',
      wrongAttempts: 3,
      lockedUntil: now + 3 * HOUR,
      permanent: false,
    });
    now += 3 * HOUR - 1;
    expect(await sign(device, PIN)).toEqual({ outcome: 'LOCKED', lockedUntil: now + 1, permanent: false });
    now += 1;
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(0);
  });

  it('locks for good at the ninth wrong PIN, after which even the right PIN is refused', async () => {
    for (let i = 1; i <= 9; i++) {
      const outcome = await sign(device, WRONG);
      expect(outcome).toMatchObject({ outcome: 'WRONG_PIN', wrongAttempts: i });
      now += 25 * HOUR;
    }
    expect(await sign(device, PIN)).toEqual({ outcome: 'LOCKED', lockedUntil: null, permanent: true });
  });

  it('answers an identical retry with the recorded outcome, without counting it again', async () => {
    const request = device.request('tx-retry', 'Log in', WRONG);
    const { outcome: first } = await attemptSignature(deps(), request);
    const { outcome: again } = await attemptSignature(deps(), request);
    expect(again).toEqual(first);
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(1);
    device.accept(request, again);
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
  });

  it('detects a clone that signs with a token the original has already used, and locks the key for good', async () => {
    const copy = device.clone();
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
    expect(await sign(copy, PIN)).toEqual({ outcome: 'CLONE_DETECTED' });
    expect(await sign(device, PIN)).toEqual({ outcome: 'LOCKED', lockedUntil: null, permanent: true });
  });

  it('refuses a token it has no record of without counting an attempt', async () => {
    const stranger = device.clone();
    stranger.token = systemRandom(32);
    expect(await sign(stranger, WRONG)).toEqual({ outcome: 'INVALID_TOKEN' });
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(0);
  });

  it('lets one attempt per key run at a time: a parallel one is refused as busy, the counter raised once', async () => {
    const a = device.request('tx-a', 'one', WRONG);
    const b = device.request('tx-b', 'two', WRONG);
    const outcomes = (await Promise.all([attemptSignature(deps(), a), attemptSignature(deps(), b)])).map(
      (attempt) => attempt.outcome,
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['BUSY', 'WRONG_PIN']);
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(1);
  });

  it('lets a new attempt take over a key whose attempt was left in flight by a crash', async () => {
    const request = device.request('tx-crashed', 'crash', PIN);
    await keys.update('key-auth-1', (k) => ({
      key: { ...k, inFlight: { transactionId: 'tx-crashed', since: now } },
      result: null,
    }));
    expect((await attemptSignature(deps(), request)).outcome).toEqual({ outcome: 'BUSY' });
    now += IN_FLIGHT_TIMEOUT_MS;
    expect((await attemptSignature(deps(), request)).outcome).toMatchObject({ outcome: 'OK' });
  });

  it("hands back the key's certificate as stored, with the outcome, so an OK signature needs no second read", async () => {
    const certificate = { serial: '0a1b', der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]) };
    await keys.update('key-auth-1', (k) => ({ key: { ...k, certificate }, result: null }));
    const attempt = await attemptSignature(deps(), device.request(`tx-${++tx}`, 'Log in', PIN));
    expect(attempt.outcome.outcome).toBe('OK');
    expect(attempt.certificate).toEqual(certificate);
    const stranger = device.clone();
    stranger.token = systemRandom(32);
    const refused = await attemptSignature(deps(), stranger.request(`tx-${++tx}`, 'Log in', PIN));
    expect(refused).toEqual({ outcome: { outcome: 'INVALID_TOKEN' }, certificate });
  });

  it('counts a malformed partial signature like a wrong PIN', async () => {
    const request = { ...device.request('tx-bad', 'x', PIN), partialSignature: new Uint8Array(3) };
    expect((await attemptSignature(deps(), request)).outcome).toMatchObject({
      outcome: 'WRONG_PIN',
      wrongAttempts: 1,
    });
  });
});

describe('registering a key', () => {
  const base = {
    accountId: 'account-2',
    purpose: 'signing' as const,
    publicExponent: 65537n,
    serverShare: 5n,
    firstCloneToken: new Uint8Array(32),
    allowedModulusBits: [2048],
  };

  it('refuses a modulus that shares a prime with a registered one, as a broken generator would make', async () => {
    const [p] = key.primes;
    const [, q] = generateTestKey().primes;
    const modulus = p * q;
    await expect(
      registerAccountKey(
        { keys, vault, clock },
        { ...base, keyId: 'k2', modulus, allowedModulusBits: [bitLength(modulus)] },
      ),
    ).rejects.toMatchObject({ code: 'WEAK_MODULUS' });
  });

  it('refuses a key id that is already registered', async () => {
    const other = generateTestKey();
    await expect(
      registerAccountKey({ keys, vault, clock }, { ...base, keyId: 'key-auth-1', modulus: other.modulus }),
    ).rejects.toMatchObject({ code: 'KEY_EXISTS' });
  });

  it('refuses a modulus of a size the deployment does not accept', async () => {
    await expect(
      registerAccountKey(
        { keys, vault, clock },
        { ...base, keyId: 'k3', modulus: generateTestKey().modulus, allowedModulusBits: [3072, 4096] },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_MODULUS' });
  });

  it('keeps the server share only wrapped, bound to its key id', async () => {
    const stored = await keys.get('key-auth-1');
    expect(await vault.unwrap(stored!.wrappedServerShare, 'key-auth-1')).toBe(key.serverShare);
    await expect(vault.unwrap(stored!.wrappedServerShare, 'another-key')).rejects.toMatchObject({
      code: 'MALFORMED_CIPHERTEXT',
    });
  });
});

describe('the last attempt before the permanent lock', () => {
  it('still succeeds with the right PIN after eight wrong ones, and clears the counter', async () => {
    for (let i = 1; i <= 8; i++) {
      await sign(device, WRONG);
      now += 25 * HOUR;
    }
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
    expect((await keys.get('key-auth-1'))?.lock.wrongAttempts).toBe(0);
  });
});
