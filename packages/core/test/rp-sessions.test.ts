import { systemRandom } from '@tessera/crypto';
import {
  type DeviceLinkAuthenticationRequest,
  validateDeviceLinkAuthenticationRequest,
} from '@tessera/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authenticateRelyingParty,
  createMemoryAccountStore,
  createMemorySessionStore,
  createSession,
  createSessionWaiter,
  getSessionStatus,
  type RelyingParty,
  SANDBOX_DEMO_RELYING_PARTY,
  SESSION_RESULT_RETENTION_MS,
  type SessionStore,
} from '../src/index.js';

const bank: RelyingParty = {
  id: '1b6f0a3c-54a5-4d5e-9b0a-3a1f0c9f6e21',
  names: ['Example Bank'],
  allowedSources: ['127.0.0.0/8', '2001:db8::1'],
  permissions: { advancedAccounts: false, shareDeviceIpAddress: false },
};

const request = (extra: Record<string, unknown> = {}) =>
  validateDeviceLinkAuthenticationRequest({
    relyingPartyUUID: bank.id,
    relyingPartyName: 'example BANK',
    signatureProtocol: 'ACSP_V2',
    signatureProtocolParameters: {
      rpChallenge: Buffer.from(systemRandom(32)).toString('base64'),
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
    },
    interactions: Buffer.from(
      JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]),
    ).toString('base64'),
    ...extra,
  });

let now: number;
let sessions: SessionStore;
const clock = { now: () => now };
const waiter = createSessionWaiter();
/** Endpoint 1: whoever opens the link. */
const anonymous = (r: DeviceLinkAuthenticationRequest) => ({
  kind: 'authentication' as const,
  flow: 'device-link' as const,
  addressee: { kind: 'anonymous' as const },
  request: r,
});
const deps = () => ({
  sessions,
  accounts: createMemoryAccountStore(),
  notifier: { notifyDevices: () => {} },
  clock,
  random: systemRandom,
  sessionTimeoutMs: 120_000,
  waiter,
});

/** Ends the session as the person refusing it would, without waking anyone (each test decides that). */
const completeRefused = (id: string) =>
  sessions.update(id, (x) => ({
    ...x,
    state: 'COMPLETE',
    result: { endResult: 'USER_REFUSED' },
    completedAt: now,
  }));

beforeEach(() => {
  now = Date.parse('2026-11-22T10:00:00Z');
  sessions = createMemorySessionStore();
});

describe('relying party authentication', () => {
  it('accepts a registered name in any case, from a registered address or block', () => {
    expect(authenticateRelyingParty(bank, 'EXAMPLE bank', '127.4.5.6')).toBe(bank);
    expect(authenticateRelyingParty(bank, 'Example Bank', '::ffff:127.0.0.1')).toBe(bank);
    expect(authenticateRelyingParty(bank, 'Example Bank', '2001:DB8::1')).toBe(bank);
    expect(authenticateRelyingParty(SANDBOX_DEMO_RELYING_PARTY, 'demo', '203.0.113.9').id).toBe(
      SANDBOX_DEMO_RELYING_PARTY.id,
    );
  });

  it('refuses an unknown UUID and a foreign name with 403, and a foreign address with 401', () => {
    expect(() => authenticateRelyingParty(undefined, 'Example Bank', '127.0.0.1')).toThrow(
      expect.objectContaining({ code: 'RELYING_PARTY_FORBIDDEN' }),
    );
    expect(() => authenticateRelyingParty(bank, 'Other Bank', '127.0.0.1')).toThrow(
      expect.objectContaining({ code: 'RELYING_PARTY_FORBIDDEN' }),
    );
    expect(() => authenticateRelyingParty(bank, 'Example Bank', '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'RELYING_PARTY_UNAUTHORIZED' }),
    );
  });
});

describe('an authentication session', () => {
  it('starts RUNNING with fresh id, token and secret, keeping the RP name exactly as sent', async () => {
    const a = await createSession(deps(), bank, anonymous(request()));
    const b = await createSession(deps(), bank, anonymous(request()));
    expect(a).toMatchObject({
      state: 'RUNNING',
      version: 1,
      relyingPartyName: 'example BANK',
      expiresAt: now + 120_000,
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([a.id, b.id]).size).toBe(2);
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
  });

  it('refuses ADVANCED accounts and IP sharing to an RP without those permissions', async () => {
    await expect(
      createSession(deps(), bank, anonymous(request({ certificateLevel: 'ADVANCED' }))),
    ).rejects.toMatchObject({ code: 'RELYING_PARTY_FORBIDDEN' });
    await expect(
      createSession(
        deps(),
        bank,
        anonymous(request({ requestProperties: { shareMdClientIpAddress: true } })),
      ),
    ).rejects.toMatchObject({ code: 'RELYING_PARTY_FORBIDDEN' });
  });

  it('answers a long-poll with RUNNING when its timeout passes first', async () => {
    const s = await createSession(deps(), bank, anonymous(request()));
    const started = performance.now();
    expect(await getSessionStatus(deps(), s.id, 50)).toMatchObject({ state: 'RUNNING' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('wakes a long-poll as soon as the session completes', async () => {
    const s = await createSession(deps(), bank, anonymous(request()));
    const started = performance.now();
    const polled = getSessionStatus(deps(), s.id, 10_000);
    setTimeout(async () => {
      await completeRefused(s.id);
      waiter.notify(s.id);
    }, 20);
    expect(await polled).toMatchObject({ state: 'COMPLETE', result: { endResult: 'USER_REFUSED' } });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('leaves no timer behind when the session completes before its expiry cuts the wait short', async () => {
    const s = await createSession(deps(), bank, anonymous(request()));
    now = s.expiresAt - 500; // expires before the first re-check: the first wait races a timer of 500 ms
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const polled = getSessionStatus(deps(), s.id, 10_000);
    await completeRefused(s.id);
    waiter.notify(s.id);
    expect(await polled).toMatchObject({ state: 'COMPLETE', result: { endResult: 'USER_REFUSED' } });
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('sees a completion within a second even when the wake-up is lost (another node, a dropped connection)', async () => {
    const s = await createSession(deps(), bank, anonymous(request()));
    const deaf = { wait: waiter.wait, notify: () => {}, parked: 0 };
    const started = performance.now();
    const polled = getSessionStatus({ ...deps(), waiter: deaf }, s.id, 10_000);
    setTimeout(() => void completeRefused(s.id), 20);
    expect(await polled).toMatchObject({ state: 'COMPLETE', result: { endResult: 'USER_REFUSED' } });
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('ends with TIMEOUT once its time is up, and keeps the result for five minutes', async () => {
    const s = await createSession(deps(), bank, anonymous(request()));
    now = s.expiresAt;
    expect(await getSessionStatus(deps(), s.id, 1000)).toMatchObject({
      state: 'COMPLETE',
      result: { endResult: 'TIMEOUT' },
      completedAt: now,
    });
    now += SESSION_RESULT_RETENTION_MS;
    expect(await getSessionStatus(deps(), s.id, 1000)).toMatchObject({ result: { endResult: 'TIMEOUT' } });
    now += 1;
    await expect(getSessionStatus(deps(), s.id, 1000)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('does not know a session id it never issued', async () => {
    await expect(
      getSessionStatus(deps(), '3f2c1e4a-0000-4000-8000-000000000000', 1000),
    ).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    });
  });
});
