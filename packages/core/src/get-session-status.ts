import { CoreError } from './core-error.js';
import type { Clock, SessionStore, SessionWaiter } from './ports.js';
import { type RpApiVersion, type RpSession, SESSION_RESULT_RETENTION_MS } from './rp-session.js';

/** What a status read needs from the world. */
export interface GetSessionStatusDeps {
  readonly sessions: SessionStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
}

/** How often a parked long poll reads the session again even when nothing woke it, at most. */
export const RECHECK_INTERVAL_MS = 1_000;
/** How many of those re-reads the parked polls of one process make together per second, at most. */
export const RECHECK_READS_PER_SECOND = 250;

/**
 * How long a parked long poll waits for a wake-up before it reads again: a second, stretched when many are
 * parked so that together they read at most RECHECK_READS_PER_SECOND times a second (10,000 parked polls: every
 * 40 s each). Wake-ups are the answer's way; the re-read only bounds what a lost one costs.
 */
export function recheckIntervalMs(parked: number): number {
  return Math.max(RECHECK_INTERVAL_MS, Math.ceil((parked * 1000) / RECHECK_READS_PER_SECOND));
}

/** A bound on the loop (a timeout is at most 2 minutes of domain time; spurious wake-ups end slices early). */
const MAX_SLICES = 10_000;

/** Ends a RUNNING session whose time is up with TIMEOUT (once, whoever notices first) and wakes its pollers. */
async function timeOutIfDue(deps: GetSessionStatusDeps, session: RpSession): Promise<RpSession> {
  const now = deps.clock.now();
  if (session.state !== 'RUNNING' || now < session.expiresAt) return session;
  const saved = await deps.sessions.update(session.id, (s) =>
    s.state === 'RUNNING'
      ? { ...s, state: 'COMPLETE', result: { endResult: 'TIMEOUT' }, completedAt: now }
      : undefined,
  );
  deps.waiter.notify(session.id);
  return saved;
}

/**
 * The long-poll of `GET /v3/session/{id}`: answers at once for a completed session, otherwise when the
 * session changes, times out, or `timeoutMs` passes (then still RUNNING). A session that does not exist, was
 * created with the other API version (`/v2/session` reads v2 sessions only), or whose result is older than the
 * retention period, is CoreError('SESSION_NOT_FOUND'). While it waits it reads the session again every
 * `recheckIntervalMs` (a second unless thousands are parked), so it is correct with a waiter that may miss a
 * wake-up (several server processes).
 */
export async function getSessionStatus(
  deps: GetSessionStatusDeps,
  id: string,
  timeoutMs: number,
  signal?: AbortSignal,
  rpApiVersion: RpApiVersion = 'v3',
): Promise<RpSession> {
  const find = async () => {
    const session = await deps.sessions.get(id);
    const now = deps.clock.now();
    if (
      session === undefined ||
      session.rpApiVersion !== rpApiVersion ||
      (session.completedAt !== null && now - session.completedAt > SESSION_RESULT_RETENTION_MS)
    ) {
      throw new CoreError('SESSION_NOT_FOUND', 'The session does not exist or has expired.');
    }
    return timeOutIfDue(deps, session);
  };
  // Listen before every read, the first one too, so that a change between a read and the wait after it is never
  // missed, and a poll that nothing wakes costs one read. `listening` ends whatever wait is left when it answers.
  const listening = new AbortController();
  const stopListening = () => listening.abort();
  if (signal?.aborted) stopListening();
  else signal?.addEventListener('abort', stopListening, { once: true });
  const listen = (ms: number) => deps.waiter.wait(id, ms, listening.signal);
  let expiry: ReturnType<typeof setTimeout> | undefined;
  try {
    const started = performance.now();
    const firstSliceMs = Math.min(timeoutMs, recheckIntervalMs(deps.waiter.parked));
    let changed = listen(firstSliceMs);
    const first = await find();
    if (first.state === 'COMPLETE') return first;
    // The budget is domain time (the request's timeoutMs, at most until the session expires), spent in real time:
    // the waiter's timers are real time too. A wake-up that never comes (lost across nodes, a dropped listening
    // connection) delays the answer by at most one re-check interval, because each slice ends in a fresh read.
    const budget = Math.min(timeoutMs, Math.max(0, first.expiresAt - deps.clock.now()));
    if (budget < firstSliceMs) {
      const expired = new Promise<void>((resolve) => {
        expiry = setTimeout(resolve, budget);
      });
      changed = Promise.race([changed, expired]);
    }
    for (let slice = 0; slice <= MAX_SLICES; slice++) {
      await changed;
      const left = budget - (performance.now() - started);
      if (left <= 0 || signal?.aborted) break;
      changed = listen(Math.min(left, recheckIntervalMs(deps.waiter.parked)));
      const again = await find();
      if (again.version !== first.version) return again;
    }
    return await find();
  } finally {
    clearTimeout(expiry);
    stopListening();
    signal?.removeEventListener('abort', stopListening);
  }
}
