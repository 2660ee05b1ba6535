import type { SessionWaiter } from './ports.js';

/** The in-process waiter, which can also wake every parked wait at once (`notifyAll`). */
export interface InProcessSessionWaiter extends SessionWaiter {
  notifyAll(): void;
}

/** The in-process waiter: every `wait` on a session resolves at its next `notify`, its timeout, or its abort. */
export function createSessionWaiter(): InProcessSessionWaiter {
  const waiting = new Map<string, Set<() => void>>();
  let parked = 0;
  return {
    get parked() {
      return parked;
    },
    wait(id, timeoutMs, signal) {
      // An abort that came before the wait is an abort too: its event has fired already.
      if (signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const set = waiting.get(id) ?? new Set();
        waiting.set(id, set);
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          if (set.delete(done)) parked--;
          if (set.size === 0 && waiting.get(id) === set) waiting.delete(id);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener('abort', done, { once: true });
        set.add(done);
        parked++;
      });
    },
    notify(id) {
      for (const wake of [...(waiting.get(id) ?? [])]) wake();
    },
    notifyAll() {
      for (const set of [...waiting.values()]) for (const wake of [...set]) wake();
    },
  };
}
