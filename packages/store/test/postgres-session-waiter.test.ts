/**
 * The session waiter across processes on the PostgreSQL at 127.0.0.1: a notify in one process wakes waits in
 * another through LISTEN/NOTIFY, a dropped listening connection comes back by itself and wakes whatever was
 * parked meanwhile, and closing wakes everything.
 */
import { randomBytes } from 'node:crypto';
import { TEST_DATABASE_URL as url } from '@tessera/test-support';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.js';
import { openPostgresSessionWaiter, type PostgresSessionWaiter } from '../src/index.js';

const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
});
const opened: PostgresSessionWaiter[] = [];

/** A waiter as one server process opens it; `name` tells its listening connection apart. */
async function open(name = `tessera-test-${randomBytes(4).toString('hex')}`) {
  const errors: Error[] = [];
  const waiter = await openPostgresSessionWaiter({
    url,
    db,
    applicationName: name,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    onError: (error) => errors.push(error),
  });
  opened.push(waiter);
  return { waiter, name, errors };
}

/** How long `promise` took to settle, in milliseconds. */
async function timed(promise: Promise<unknown>): Promise<number> {
  const started = performance.now();
  await promise;
  return performance.now() - started;
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(async () => {
  for (const waiter of opened) await waiter.close();
  await db.destroy();
});

describe('the PostgreSQL session waiter', () => {
  it("wakes a wait in another process when one process notifies the wait's key", async () => {
    const a = await open();
    const b = await open();
    expect(a.waiter.isListening() && b.waiter.isListening()).toBe(true);
    const key = `session-${randomBytes(8).toString('hex')}`;
    const onB = b.waiter.wait(key, 10_000);
    const onA = a.waiter.wait(key, 10_000);
    const other = b.waiter.wait(`${key}-other`, 300);
    setTimeout(() => a.waiter.notify(key), 50);
    expect(b.waiter.parked).toBe(2);
    expect(await timed(onB)).toBeLessThan(5_000);
    expect(await timed(onA)).toBeLessThan(5_000);
    expect(await timed(other)).toBeGreaterThan(100);
    expect([a.waiter.parked, b.waiter.parked]).toEqual([0, 0]);
  });

  it('ends a wait at its timeout and at its abort signal', async () => {
    const { waiter } = await open();
    expect(await timed(waiter.wait('nobody-notifies-this', 100))).toBeGreaterThanOrEqual(90);
    const aborted = new AbortController();
    aborted.abort();
    expect(await timed(waiter.wait('nobody-notifies-this', 10_000, aborted.signal))).toBeLessThan(100);
  });

  it('reconnects when its listening connection is killed, waking the waits parked meanwhile', async () => {
    const a = await open();
    const b = await open();
    const key = `session-${randomBytes(8).toString('hex')}`;
    const parked = b.waiter.wait(key, 20_000);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [b.name],
      );
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    // Back by itself: the parked wait is woken (its notification may have been lost), and wake-ups work again.
    expect(await timed(parked)).toBeLessThan(10_000);
    await until(() => b.waiter.isListening());
    expect(b.errors.length).toBeGreaterThan(0);
    expect(b.errors.every((e) => !e.message.includes(url))).toBe(true);
    const again = b.waiter.wait(key, 10_000);
    setTimeout(() => a.waiter.notify(key), 50);
    expect(await timed(again)).toBeLessThan(5_000);
  });

  it('wakes every parked wait when it closes, and stops listening', async () => {
    const { waiter } = await open();
    const parked = waiter.wait('closing', 20_000);
    await waiter.close();
    expect(await timed(parked)).toBeLessThan(100);
    expect(waiter.isListening()).toBe(false);
  });
});
