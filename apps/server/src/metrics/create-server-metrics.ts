/**
 * The server's Prometheus metrics (`GET /metrics`): request latency by route, RP sessions created and completed by
 * end result, signing attempts by outcome, PIN locks, long polls parked, Web Push messages by outcome, the database
 * pool and the statements sent to the database, whether wake-ups from other server processes arrive, and the
 * process's own CPU and memory. The benchmarks read their server-side figures from here. Nothing secret is ever a
 * label: routes are templates (`/v3/session/:sessionId`), never URLs.
 */
import type { SessionStore, SessionWaiter, SignatureOutcome } from '@tessera/core';
import type { Store } from '@tessera/store';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read from the store at each scrape: its pool (PostgreSQL only) and the statements sent. */
export type DatabaseStatistics = Pick<Store, 'poolStatistics' | 'statementsExecuted'>;

/** The metrics of one server process, and the decorators that feed them. */
export interface ServerMetrics {
  readonly registry: Registry;
  /** One answered HTTP request: its route template, method, status and duration. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** The server's half of one signing attempt. */
  countSignature(outcome: SignatureOutcome): void;
  /** One Web Push message: accepted by the push service, its subscription gone (404/410), or failed. */
  countWebPush(result: 'sent' | 'gone' | 'failed'): void;
  /** Counts sessions as they are created and as they complete, by end result. */
  instrumentSessions(sessions: SessionStore): SessionStore;
  /** Counts the long polls waiting at any moment. */
  instrumentWaiter(waiter: SessionWaiter): SessionWaiter;
}

/**
 * Creates the registry (default process metrics included); `database` is read at each scrape (its pool and the
 * statements sent), `wakeListening` tells whether wake-ups from other server processes arrive (PostgreSQL
 * LISTEN/NOTIFY).
 */
export function createServerMetrics(
  database?: DatabaseStatistics,
  wakeListening?: () => boolean,
): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_' });
  const requests = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30, 120],
    registers: [registry],
  });
  const created = new Counter({
    name: 'tessera_rp_sessions_created_total',
    help: 'RP API sessions created, by API version, kind and flow.',
    labelNames: ['api', 'kind', 'flow'] as const,
    registers: [registry],
  });
  const completed = new Counter({
    name: 'tessera_rp_sessions_completed_total',
    help: 'RP API sessions completed, by end result.',
    labelNames: ['end_result'] as const,
    registers: [registry],
  });
  const signatures = new Counter({
    name: 'tessera_signature_attempts_total',
    help: 'Two-party signing attempts completed by the server, by outcome (OK, WRONG_PIN, LOCKED, …).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const locks = new Counter({
    name: 'tessera_pin_locks_total',
    help: 'PIN locks reached by wrong PINs, temporary or permanent.',
    labelNames: ['permanent'] as const,
    registers: [registry],
  });
  const pushes = new Counter({
    name: 'tessera_web_push_sends_total',
    help: 'Web Push messages to devices, by result: sent, gone (subscription expired, removed), failed.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of ['sent', 'gone', 'failed'] as const) pushes.inc({ result }, 0);
  const parked = new Gauge({
    name: 'tessera_long_polls_parked',
    help: 'Long polls (session status, pending transactions) waiting right now.',
    registers: [registry],
  });
  const pool = database?.poolStatistics ?? null;
  if (pool !== null) {
    new Gauge({
      name: 'tessera_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting clients).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const now = pool();
        this.set({ state: 'total' }, now.total);
        this.set({ state: 'idle' }, now.idle);
        this.set({ state: 'waiting' }, now.waiting);
      },
    });
  }

  if (database !== undefined) {
    let counted = 0;
    new Counter({
      name: 'tessera_db_statements_total',
      help: 'Statements sent to the database (queries, updates, notifications), failed ones included.',
      registers: [registry],
      collect() {
        const now = database.statementsExecuted();
        this.inc(now - counted);
        counted = now;
      },
    });
  }

  if (wakeListening !== undefined) {
    new Gauge({
      name: 'tessera_wake_listener_up',
      help: 'Whether the LISTEN connection for wake-ups from other server processes is up (1) or reconnecting (0).',
      registers: [registry],
      collect() {
        this.set(wakeListening() ? 1 : 0);
      },
    });
  }

  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.observe({ route, method, status: String(status) }, seconds);
    },
    countSignature(outcome) {
      signatures.inc({ outcome: outcome.outcome });
      if (outcome.outcome === 'WRONG_PIN' && outcome.lockedUntil !== null) {
        locks.inc({ permanent: String(outcome.permanent) });
      } else if (outcome.outcome === 'WRONG_PIN' && outcome.permanent) {
        locks.inc({ permanent: 'true' });
      }
    },
    countWebPush(result) {
      pushes.inc({ result });
    },
    instrumentSessions(sessions) {
      return {
        ...sessions,
        async insert(session) {
          await sessions.insert(session);
          created.inc({ api: session.rpApiVersion, kind: session.kind, flow: session.flow });
        },
        async update(id, change, known) {
          let endResult: string | undefined;
          const saved = await sessions.update(
            id,
            (s) => {
              const next = change(s);
              endResult =
                s.state === 'RUNNING' && next?.state === 'COMPLETE' ? next.result?.endResult : undefined;
              return next;
            },
            known,
          );
          if (endResult !== undefined) completed.inc({ end_result: endResult });
          return saved;
        },
      };
    },
    instrumentWaiter(waiter) {
      return {
        ...waiter,
        async wait(id, timeoutMs, signal) {
          parked.inc();
          try {
            return await waiter.wait(id, timeoutMs, signal);
          } finally {
            parked.dec();
          }
        },
        notify: (id) => waiter.notify(id),
        get parked() {
          return waiter.parked;
        },
      };
    },
  };
}
