import { randomBytes } from 'node:crypto';
import { createSessionWaiter, type SessionWaiter } from '@tessera/core';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

/** The channel every Tessera process of a database listens on; the payload names the key that changed. */
export const WAKE_CHANNEL = 'tessera_wake';

/** The session waiter shared by every server process on one PostgreSQL database. */
export interface PostgresSessionWaiter extends SessionWaiter {
  /** Whether the listening connection is up right now (health checks, metrics). */
  isListening(): boolean;
  /** Stops listening and reconnecting; parked waits are woken (they read again and end by themselves). */
  close(): Promise<void>;
}

/** Where to listen and notify, and how to behave when the listening connection drops. */
export interface PostgresSessionWaiterOptions {
  /** The database's `postgres://` URL, for the one dedicated listening connection. Never logged. */
  readonly url: string;
  /** The store's database: `pg_notify` goes through its pool. */
  readonly db: Kysely<Database>;
  /** `application_name` of the listening connection, as `pg_stat_activity` shows it. */
  readonly applicationName?: string;
  /** First reconnection delay (doubled up to `maxReconnectDelayMs`, with jitter). Default 250 ms. */
  readonly reconnectDelayMs?: number;
  /** Default 10 s. */
  readonly maxReconnectDelayMs?: number;
  /** Told of a lost listening connection or a failed notify; the message never carries the URL. */
  readonly onError?: (error: Error) => void;
}

/** NOTIFY refuses payloads of 8000 bytes or more; a longer key is left to the waiters' own re-checks. */
const MAX_PAYLOAD_BYTES = 7_999;

/**
 * The session waiter across processes: LISTEN on one dedicated connection per process, `pg_notify` through
 * the pool. `notify(key)` wakes this process's waiters at once and every other process's waiters when the
 * notification arrives there (the payload is `<sender> <key>`, so the sender skips its own). When the listening
 * connection drops it reconnects with backoff; wake-ups sent meanwhile are lost, so every parked wait is woken
 * once the connection is back, and the long polls' own re-reads (`recheckIntervalMs`) keep them correct
 * while it is down. Resolves after the first connection attempt, listening or not.
 */
export async function openPostgresSessionWaiter(
  options: PostgresSessionWaiterOptions,
): Promise<PostgresSessionWaiter> {
  const sender = randomBytes(8).toString('hex');
  const firstDelay = options.reconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 10_000;
  // This process's waits park in the in-process waiter; LISTEN/NOTIFY adds the other processes' wake-ups.
  const local = createSessionWaiter();
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const report = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    options.onError?.(new Error(`Session wake-ups over PostgreSQL: ${message}`));
  };

  /** Forgets a connection that failed or ended, and schedules the next one. */
  const drop = (c: pg.Client, error?: unknown) => {
    if (client !== c) return;
    client = undefined;
    listening = false;
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    if (closed) return;
    report(error ?? new Error('the listening connection ended'));
    const delay = Math.min(maxDelay, firstDelay * 2 ** Math.min(failures, 16));
    failures++;
    retry = setTimeout(() => void connect(), delay * (0.75 + Math.random() / 2));
    retry.unref();
  };

  const connect = async () => {
    retry = undefined;
    if (closed) return;
    const c = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName ?? 'tessera-wake-listener',
      keepAlive: true,
    });
    client = c;
    // A connection that dies says so with 'error' (and then 'end'); a listener keeps either from throwing.
    c.on('error', (error) => drop(c, error));
    c.on('end', () => drop(c));
    c.on('notification', ({ channel, payload }) => {
      if (channel !== WAKE_CHANNEL || payload === undefined) return;
      const space = payload.indexOf(' ');
      if (space < 0 || payload.slice(0, space) === sender) return;
      local.notify(payload.slice(space + 1));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${WAKE_CHANNEL}`);
    } catch (error) {
      drop(c, error);
      return;
    }
    if (client !== c) return;
    if (closed) {
      drop(c);
      return;
    }
    listening = true;
    // Whatever was notified while nobody listened is lost: every parked wait looks again now.
    if (failures > 0) local.notifyAll();
    failures = 0;
  };

  await connect();

  return {
    get parked() {
      return local.parked;
    },
    wait: (key, timeoutMs, signal) => local.wait(key, timeoutMs, signal),
    notify(key) {
      local.notify(key);
      const payload = `${sender} ${key}`;
      if (closed || Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return;
      sql`select pg_notify(${WAKE_CHANNEL}, ${payload})`.execute(options.db).catch(report);
    },
    isListening: () => listening,
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      listening = false;
      local.notifyAll();
      await c?.end().catch(() => {});
    },
  };
}
