/**
 * Three server processes on one PostgreSQL: a session started on node A, answered by a headless device through
 * node B and long-polled on node C comes back as soon as it completes (LISTEN/NOTIFY wakes C); a hundred
 * sessions, ten at a time, survive node C being killed with SIGKILL in the middle, each with exactly one clean
 * end result that every surviving node and the database agree on; wrong PINs given through different nodes
 * climb the lock ladder one step each; and a certificate revoked by `tessera ca revoke` is revoked on every node.
 */
import {
  confirmTransaction,
  createMemoryVault,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  takeTransaction,
} from '@tessera/device';
import { createOcspRequest, decodeBase64, verifyOcspResponse } from '@tessera/pki';
import { type TransactionView, validateSessionStatusResponse } from '@tessera/protocol';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caRevoke } from '../apps/cli/src/commands/ca-revoke.js';
import {
  startNotificationAuthentication,
  verifyAuthentication,
} from '../apps/server/test/support/relying-party.js';
import { startTesseraNodes, type TesseraCluster } from './support/start-tessera-nodes.js';

const SESSION_TIMEOUT_MS = 10_000;
const PIN1 = '2580';
const WORKERS = 10;
const SESSIONS = 100;
const KILL_AFTER = 30;

let cluster: TesseraCluster;
let db: pg.Client;

/** A headless device whose requests go to node `via` (or the next live one, as through a load balancer). */
interface Phone {
  readonly context: DeviceContext;
  documentNumber: string;
  via: number;
}

function newPhone(via: number): Phone {
  const phone: Phone = {
    via,
    documentNumber: '',
    context: {
      vault: createMemoryVault(),
      transport: { baseUrl: '', fetch: (path, init) => cluster.fetch(phone.via, path, init) },
      random: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
      now: () => Date.now(),
    },
  };
  return phone;
}

async function enrol(phone: Phone, n: number): Promise<void> {
  const account = await enrolIdentity(phone.context, {
    identity: {
      semanticsIdentifier: `PNOEE-3900101${String(n).padStart(4, '0')}`,
      givenName: 'MARI',
      surname: `NODE${n}`,
      dateOfBirth: '1990-01-01',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: '14703',
    profile: 'test-2048',
  });
  phone.documentNumber = account.documentNumber;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The URL of node `preferred`, or of the next live one. */
function liveUrl(preferred: number): string {
  for (let k = 0; k < cluster.nodes.length; k++) {
    const node = cluster.nodes[(preferred + k) % cluster.nodes.length]!;
    if (node.alive) return node.url;
  }
  throw new Error('No node is alive.');
}

/** Starts a notification login to `documentNumber` on node `preferred`, trying the next live node on failure. */
async function startLogin(preferred: number, documentNumber: string) {
  let failure: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startNotificationAuthentication(liveUrl(preferred + attempt), {
        document: documentNumber,
      });
    } catch (error) {
      failure = error;
      await sleep(100);
    }
  }
  throw failure;
}

/** One long poll of the session status on node `preferred` (or the next live one). */
async function poll(preferred: number, sessionId: string, timeoutMs: number) {
  const res = await cluster.fetch(preferred, `/v3/session/${sessionId}?timeoutMs=${timeoutMs}`);
  expect(res.status).toBe(200);
  return validateSessionStatusResponse(await res.json());
}

/** Long-polls until the session is COMPLETE (it must be, at the latest, when its timeout passes). */
async function pollUntilComplete(preferred: number, sessionId: string) {
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      const status = await poll(preferred + attempt, sessionId, SESSION_TIMEOUT_MS + 2_000);
      if (status.state === 'COMPLETE') return status;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`The session ${sessionId} did not complete.`);
}

/** Runs `work` up to `times` times, until it does not throw; the last failure is thrown. */
async function retried<T>(times: number, work: () => Promise<T>): Promise<T> {
  let failure: unknown;
  for (let attempt = 0; attempt < times; attempt++) {
    try {
      return await work();
    } catch (error) {
      failure = error;
      await sleep(300);
    }
  }
  throw failure;
}

const phones: Phone[] = [];
let lockPhone: Phone;

beforeAll(async () => {
  cluster = await startTesseraNodes(3, { TESSERA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) });
  db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  for (let i = 0; i <= WORKERS; i++) phones.push(newPhone(i % 3));
  lockPhone = phones.pop()!;
  // Enrolled through every node, three at a time (key generation on two cores).
  const all = [...phones, lockPhone];
  for (let i = 0; i < all.length; i += 3) {
    await Promise.all(all.slice(i, i + 3).map((phone, k) => enrol(phone, i + k)));
  }
}, 120_000);

afterAll(async () => {
  await db?.end();
  await cluster?.stop();
});

describe('three server processes on one PostgreSQL', () => {
  it('all listen for wake-ups from the others', async () => {
    for (const node of cluster.nodes) {
      const health = await (await fetch(`${node.url}/health`)).json();
      expect(health).toEqual({ status: 'ok', database: 'ok', wakeups: 'postgresql', listening: true });
    }
  });

  it('wakes a long poll on node C when a device completes on node B the session node A started', async () => {
    const [a, b, c] = cluster.nodes;
    const phone = phones[0]!;
    phone.via = 1;
    // The device's own long poll, on B, is woken by the session A creates.
    const offered = fetchPendingTransactions(phone.context, { waitMs: 8_000 });
    await sleep(300);
    const session = await startNotificationAuthentication(a!.url, { document: phone.documentNumber });
    const pending = await offered;
    expect(pending.offers.map((o) => o.transactionId)).toEqual([session.sessionID]);
    const { view } = await takeTransaction(phone.context, {
      transactionId: session.sessionID,
      documentNumbers: [phone.documentNumber],
    });
    // C's long poll starts after the device took the session: the next change is its completion.
    const timeoutMs = 8_000;
    const started = performance.now();
    const polled = fetch(`${c!.url}/v3/session/${session.sessionID}?timeoutMs=${timeoutMs}`);
    await sleep(300);
    expect(await confirmTransaction(phone.context, { view: view!, pin: PIN1 })).toMatchObject({
      result: 'OK',
    });
    const status = validateSessionStatusResponse(await (await polled).json());
    const elapsed = performance.now() - started;
    expect(status.state).toBe('COMPLETE');
    verifyAuthentication(status, session);
    // Woken, not timed out.
    expect(elapsed).toBeLessThan(timeoutMs / 2);
    expect(b!.alive).toBe(true);
  }, 30_000);

  it('ends each of a hundred sessions exactly once while node C is killed in the middle', async () => {
    type Outcome = {
      sessionId: string;
      rp: Awaited<ReturnType<typeof startLogin>>;
      device: string;
      endResult: string;
      status: Awaited<ReturnType<typeof poll>>;
    };
    const outcomes: Outcome[] = [];
    const before = new Set(
      (await db.query<{ id: string }>('select id from rp_sessions')).rows.map((r) => r.id),
    );
    let next = 0;
    let killed: Promise<void> | undefined;

    const runOne = async (phone: Phone, i: number) => {
      phone.via = (i + 1) % 3;
      const rp = await startLogin(i % 3, phone.documentNumber);
      let device = 'NO_ANSWER';
      try {
        const view: TransactionView | null = (
          await retried(2, () =>
            takeTransaction(phone.context, {
              transactionId: rp.sessionID,
              documentNumbers: [phone.documentNumber],
            }),
          )
        ).view;
        if (view !== null) {
          // A lost answer is asked for again: the device resends its request byte for byte.
          device = (await retried(4, () => confirmTransaction(phone.context, { view, pin: PIN1 }))).result;
        }
      } catch {
        // The node died under the device, or the key is busy after it: the session ends by its timeout.
      }
      const status = await pollUntilComplete((i + 2) % 3, rp.sessionID);
      outcomes.push({ sessionId: rp.sessionID, rp, device, endResult: status.result!.endResult, status });
      if (outcomes.length === KILL_AFTER) killed = cluster.nodes[2]!.kill();
    };

    const worker = async (phone: Phone) => {
      for (let round = 0; round < SESSIONS / WORKERS; round++) {
        const i = next++;
        await runOne(phone, i);
      }
    };
    await Promise.all(phones.map((phone) => worker(phone)));
    await killed;
    expect(cluster.nodes[2]!.alive).toBe(false);

    // Exactly one clean end for each session the relying party started.
    expect(outcomes).toHaveLength(SESSIONS);
    expect(new Set(outcomes.map((o) => o.sessionId)).size).toBe(SESSIONS);
    for (const o of outcomes) {
      expect(['OK', 'TIMEOUT']).toContain(o.endResult);
      if (o.device === 'OK') expect(o.endResult).toBe('OK');
      if (o.endResult === 'OK') verifyAuthentication(o.status, o.rp);
    }
    const ok = outcomes.filter((o) => o.endResult === 'OK').length;
    expect(ok).toBeGreaterThanOrEqual(SESSIONS / 2);

    // The surviving nodes give the same answer; the database holds the same result once.
    for (const o of outcomes.slice(0, 20)) {
      const [onA, onB] = await Promise.all([poll(0, o.sessionId, 1000), poll(1, o.sessionId, 1000)]);
      expect(onA).toEqual(o.status);
      expect(onB).toEqual(o.status);
    }
    const { rows } = await db.query<{ id: string; state: string; result: string | null }>(
      'select id, state, result from rp_sessions',
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const o of outcomes) {
      const row = byId.get(o.sessionId);
      expect(row?.state).toBe('COMPLETE');
      expect(JSON.parse(row!.result!).endResult).toBe(o.endResult);
    }
    // Sessions whose creation answer was lost with node C: never taken, so never OK.
    const orphans = rows.filter((r) => !before.has(r.id) && !outcomes.some((o) => o.sessionId === r.id));
    expect(orphans.length).toBeLessThanOrEqual(WORKERS);
    for (const r of orphans) expect(r.result === null ? null : JSON.parse(r.result).endResult).not.toBe('OK');
    // No device was taken for a clone or locked by the crash.
    const { rows: audit } = await db.query<{ kind: string }>(
      `select kind from audit_events where kind in ('CLONE_DETECTED', 'KEY_LOCKED', 'KEY_LOCKED_PERMANENTLY')`,
    );
    expect(audit).toEqual([]);
    // Every worker's device still logs in through the survivors.
    const phone = phones[1]!;
    phone.via = 0;
    const after = await startLogin(1, phone.documentNumber);
    const { view } = await takeTransaction(phone.context, {
      transactionId: after.sessionID,
      documentNumbers: [phone.documentNumber],
    });
    expect(await confirmTransaction(phone.context, { view: view!, pin: PIN1 })).toMatchObject({
      result: 'OK',
    });
  }, 90_000);

  it('counts wrong PINs given through different nodes one step each: the third locks the key', async () => {
    const attempt = async (k: number, pin: string) => {
      lockPhone.via = k % 2;
      const session = await startLogin((k + 1) % 2, lockPhone.documentNumber);
      const { view } = await takeTransaction(lockPhone.context, {
        transactionId: session.sessionID,
        documentNumbers: [lockPhone.documentNumber],
      });
      return confirmTransaction(lockPhone.context, { view: view!, pin });
    };
    expect(await attempt(0, '0000')).toMatchObject({ result: 'WRONG_PIN', attemptsLeft: 2 });
    expect(await attempt(1, '0000')).toMatchObject({ result: 'WRONG_PIN', attemptsLeft: 1 });
    const third = await attempt(2, '0000');
    expect(third).toMatchObject({ result: 'WRONG_PIN' });
    expect((third as { lockedUntil?: string }).lockedUntil).toEqual(expect.any(String));
    expect(await attempt(3, PIN1)).toMatchObject({ result: 'LOCKED', permanent: false });
    const { rows } = await db.query<{ kind: string }>(
      `select kind from audit_events where kind = 'KEY_LOCKED' and account_id = $1`,
      [lockPhone.documentNumber],
    );
    expect(rows).toHaveLength(1);
  }, 60_000);

  it("share the CA's records: a certificate is good on every node, and revoked on every node once revoked", async () => {
    const live = cluster.nodes.filter((node) => node.alive);
    expect(live.length).toBeGreaterThanOrEqual(2);
    const { rows } = await db.query<{ record: string }>(
      'select record from ca_issued_certificates where document_number = $1',
      [phones[0]!.documentNumber],
    );
    const issued = rows.map(
      (row) =>
        JSON.parse(row.record) as { serial: string; issuer: string; certificate: string; purpose: string },
    );
    expect(issued.map((r) => r.purpose).sort()).toEqual(['AUTHENTICATION', 'SIGNING']);
    const { serial, issuer, certificate: base64 } = issued.find((r) => r.purpose === 'AUTHENTICATION')!;
    const certificate = decodeBase64(base64)!;
    const issuerCertificate = new Uint8Array(
      await (await fetch(`${live[0]!.url}/pki/ca/${issuer}.der`)).arrayBuffer(),
    );
    const statusOn = async (url: string) => {
      const nonce = globalThis.crypto.getRandomValues(new Uint8Array(16));
      const request = await createOcspRequest({ certificate, issuerCertificate, nonce });
      const res = await fetch(`${url}/pki/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: request,
      });
      const response = new Uint8Array(await res.arrayBuffer());
      return verifyOcspResponse({ response, certificate, issuerCertificate, nonce, now: new Date() });
    };
    for (const node of live) expect(await statusOn(node.url), node.name).toMatchObject({ status: 'good' });
    // The operator's command, on the cluster's database, beside the running nodes.
    const quiet = { env: cluster.env, progress: 'silent' as const, write: () => {}, writeError: () => {} };
    await caRevoke(quiet, serial, { reason: 'keyCompromise' });
    for (const node of live) {
      expect(await statusOn(node.url), node.name).toMatchObject({
        status: 'revoked',
        reason: 'keyCompromise',
      });
    }
  }, 60_000);
});
