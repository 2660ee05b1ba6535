/**
 * `GET /metrics` after real traffic: request latency by route template, sessions created and completed by end
 * result, signing attempts by outcome, PIN locks, long polls parked, statements sent to the database, process CPU
 * and memory; no session id, document number or other request data in any label.
 */
import {
  confirmTransaction,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  takeTransaction,
} from '@tessera/device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { pollSession, startNotificationAuthentication } from '../support/relying-party.js';

const PERSON = 'PNOEE-38001085718';
let server: TestIdentityServer;
let device: DeviceContext;

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server);
  await enrolIdentity(device, {
    identity: {
      semanticsIdentifier: PERSON,
      givenName: 'MARI',
      surname: 'MAASIKAS',
      dateOfBirth: '1980-01-08',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: '1470',
    pin2: '25803',
    profile: 'test-2048',
  });
}, 60_000);
afterAll(async () => server?.close());

async function scrape(): Promise<string> {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. `tessera_signature_attempts_total{outcome="OK"}`. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}

async function login(pins: readonly string[]) {
  const session = await startNotificationAuthentication(server.url, { etsi: PERSON });
  const { offers } = await fetchPendingTransactions(device);
  const taken = await takeTransaction(device, offers.find((o) => o.transactionId === session.sessionID)!);
  for (const pin of pins) await confirmTransaction(device, { view: taken.view!, pin });
  return session;
}

describe('GET /metrics', () => {
  it('counts sessions, signing attempts, locks and requests by route, with no request data in labels', async () => {
    const before = await scrape();
    const ok = await login(['1470']);
    expect((await pollSession(server.url, ok.sessionID)).state).toBe('COMPLETE');
    // Three wrong PINs lock PIN1 for three hours; the session keeps running.
    const locked = await login(['0000', '0001', '0002']);

    const after = await scrape();
    const grew = (name: string) => sample(after, name) - sample(before, name);
    expect(
      grew('tessera_rp_sessions_created_total{api="v3",kind="authentication",flow="notification"}'),
    ).toBe(2);
    expect(grew('tessera_rp_sessions_completed_total{end_result="OK"}')).toBe(1);
    expect(grew('tessera_signature_attempts_total{outcome="OK"}')).toBe(1);
    expect(grew('tessera_signature_attempts_total{outcome="WRONG_PIN"}')).toBe(3);
    expect(grew('tessera_pin_locks_total{permanent="false"}')).toBe(1);
    expect(
      grew(
        'tessera_http_request_duration_seconds_count{route="/v3/session/:sessionId",method="GET",status="200"}',
      ),
    ).toBe(1);
    expect(sample(after, 'tessera_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(after, 'tessera_process_resident_memory_bytes')).toBeGreaterThan(0);
    for (const secretish of [ok.sessionID, locked.sessionID, PERSON]) expect(after).not.toContain(secretish);
  });

  it('counts the statements sent to the database', async () => {
    const STATEMENTS = 'tessera_db_statements_total';
    const before = await scrape();
    // A scrape reads counters in memory: it sends no statement of its own.
    expect(sample(await scrape(), STATEMENTS)).toBe(sample(before, STATEMENTS));
    await startNotificationAuthentication(server.url, { etsi: PERSON });
    expect(sample(await scrape(), STATEMENTS)).toBeGreaterThan(sample(before, STATEMENTS));
  });

  it('shows the long polls parked right now', async () => {
    const session = await startNotificationAuthentication(server.url, { etsi: PERSON });
    const polls = [0, 1, 2].map(() => fetch(`${server.url}/v3/session/${session.sessionID}?timeoutMs=3000`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sample(await scrape(), 'tessera_long_polls_parked')).toBeGreaterThanOrEqual(3);
    await Promise.all(polls);
    expect(sample(await scrape(), 'tessera_long_polls_parked')).toBe(0);
  });

  it('stops waiting at once for a long poll whose client went away', async () => {
    const session = await startNotificationAuthentication(server.url, { etsi: PERSON });
    const client = new AbortController();
    const poll = fetch(`${server.url}/v3/session/${session.sessionID}?timeoutMs=30000`, {
      signal: client.signal,
    }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sample(await scrape(), 'tessera_long_polls_parked')).toBe(1);
    client.abort();
    expect(await poll).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sample(await scrape(), 'tessera_long_polls_parked')).toBe(0);
  });
});
