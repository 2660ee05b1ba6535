import { completeOnCallingThread, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { generateTestKey, TestDevice } from '@tessera/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type AccountKeyStore,
  type AuditLog,
  attemptSignature,
  type CertificateRevocationReason,
  createMemoryAccountKeyStore,
  createMemoryAuditLog,
  createSoftwareKeyShareVault,
  type KeyShareVault,
  registerAccountKey,
} from '../src/index.js';

const HOUR = 3_600_000;
const PIN = '4711';
const WRONG = '1234';
const ACCOUNT = 'PNOEE-30303039914-LOCK-Q';
const KEY_ID = `${ACCOUNT}/signing`;
const key = generateTestKey();
const completer = completeOnCallingThread(createOpensslModExp());

let now: number;
const clock = { now: () => now };
let keys: AccountKeyStore;
let vault: KeyShareVault;
let audit: AuditLog;
let device: TestDevice;
let revoked: [string, CertificateRevocationReason][];
let revocationFails: boolean;
let tx = 0;

const revoker = {
  async revoke(serial: string, reason: CertificateRevocationReason) {
    if (revocationFails) throw new Error('The CA is unreachable.');
    revoked.push([serial, reason]);
  },
};
const deps = () => ({ keys, vault, completer, clock, random: systemRandom, audit, revoker });

function sign(from: TestDevice, pin: string) {
  return from.sign(
    (request) => attemptSignature(deps(), request).then((a) => a.outcome),
    `tx-${++tx}`,
    'Sign the contract',
    pin,
  );
}

const kinds = async () => (await audit.listByAccount(ACCOUNT)).map((e) => e.kind);

beforeEach(async () => {
  now = Date.parse('2026-11-22T10:00:00Z');
  keys = createMemoryAccountKeyStore();
  audit = createMemoryAuditLog();
  vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
  revoked = [];
  revocationFails = false;
  device = TestDevice.enrol(KEY_ID, key, PIN);
  await registerAccountKey(
    { keys, vault, clock },
    { ...device.registration(key), accountId: ACCOUNT, purpose: 'signing', allowedModulusBits: [2048] },
  );
  await keys.update(KEY_ID, (k) => ({
    key: { ...k, certificate: { serial: '5E7A11', der: new Uint8Array([0x30, 0]) } },
    result: null,
  }));
});

describe('locks in the audit trail', () => {
  it('audits a temporary lock with its end and revokes nothing', async () => {
    await sign(device, WRONG);
    await sign(device, WRONG);
    expect(await kinds()).toEqual([]);
    await sign(device, WRONG);
    const [event] = await audit.listByAccount(ACCOUNT);
    expect(event).toMatchObject({
      kind: 'KEY_LOCKED',
      keyId: KEY_ID,
      at: now,
      details: {
        wrongAttempts: 3,
        lockedUntil: now + 3 * HOUR,
        purpose: 'signing',
        certificateSerial: '5E7A11',
      },
    });
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'LOCKED' });
    expect(await kinds()).toEqual(['KEY_LOCKED']);
    expect(revoked).toEqual([]);
  });

  it('audits each step of the ladder and revokes the certificate once at the lock for good', async () => {
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await sign(device, WRONG)).toMatchObject({ outcome: 'WRONG_PIN', wrongAttempts: attempt });
      now += 25 * HOUR;
    }
    expect(await kinds()).toEqual(['KEY_LOCKED', 'KEY_LOCKED', 'KEY_LOCKED_PERMANENTLY']);
    expect(revoked).toEqual([['5E7A11', 'cessationOfOperation']]);
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'LOCKED', permanent: true });
    expect(revoked).toHaveLength(1);
  });

  it('audits a clone and revokes its certificate for key compromise, once', async () => {
    const copy = device.clone();
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'OK' });
    expect(await sign(copy, PIN)).toEqual({ outcome: 'CLONE_DETECTED' });
    expect(await sign(copy, PIN)).toMatchObject({ outcome: 'LOCKED', permanent: true });
    expect(await sign(device, PIN)).toMatchObject({ outcome: 'LOCKED', permanent: true });
    expect(await kinds()).toEqual(['CLONE_DETECTED']);
    expect(revoked).toEqual([['5E7A11', 'keyCompromise']]);
  });

  it('keeps the key locked and the event recorded when the revocation fails, and says so', async () => {
    revocationFails = true;
    const copy = device.clone();
    await sign(device, PIN);
    const request = copy.request('tx-clone', 'Sign the contract', PIN);
    await expect(attemptSignature(deps(), request)).rejects.toThrow('The CA is unreachable.');
    expect(await kinds()).toEqual(['CLONE_DETECTED']);
    expect((await keys.get(KEY_ID))?.lock.permanent).toBe(true);
  });
});
