import type { Clock, SessionStore, SessionWaiter } from './ports.js';
import type { RpSession, SessionEnd } from './rp-session.js';

/** What ending a session needs from the world. */
export interface EndSessionDeps {
  readonly sessions: SessionStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
}

/**
 * Ends a RUNNING session with a non-OK result and wakes its long-polls. Whatever ends first wins: a session
 * already COMPLETE keeps its result, and one whose time ran out ends with TIMEOUT instead (the answer came
 * too late). Returns the session as saved. Throws CoreError('SESSION_NOT_FOUND').
 */
export async function endSession(
  deps: EndSessionDeps,
  sessionId: string,
  end: SessionEnd,
): Promise<RpSession> {
  const now = deps.clock.now();
  const saved = await deps.sessions.update(sessionId, (s) => {
    if (s.state !== 'RUNNING') return undefined;
    const result: SessionEnd = now >= s.expiresAt ? { endResult: 'TIMEOUT' } : end;
    return { ...s, state: 'COMPLETE', result, completedAt: now };
  });
  deps.waiter.notify(sessionId);
  return saved;
}
