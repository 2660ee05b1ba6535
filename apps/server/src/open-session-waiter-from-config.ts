import { createSessionWaiter, type SessionWaiter } from '@tessera/core';
import { openPostgresSessionWaiter, type Store } from '@tessera/store';
import type { ServerConfig } from './config.js';

/** The session waiter a server uses, and how its wake-ups travel. */
export interface OpenedSessionWaiter {
  readonly waiter: SessionWaiter;
  /** `postgresql`: LISTEN/NOTIFY, shared by every process on the database; `in-process`: this process only. */
  readonly wakeups: 'postgresql' | 'in-process';
  /** Whether wake-ups from other processes arrive right now (always true in process). */
  isListening(): boolean;
  close(): Promise<void>;
}

/**
 * The waiter for the store in use: on PostgreSQL (DATABASE_URL) the one that wakes long polls on every server
 * process of the database (docs/adr/0011-cross-node-wake-ups.md); with embedded PGlite, which serves a single
 * process, the in-process one. `onError` hears of a lost listening connection (it reconnects by itself).
 */
export async function openSessionWaiterFromConfig(
  config: ServerConfig,
  store: Pick<Store, 'backend' | 'db'>,
  onError: (error: Error) => void,
): Promise<OpenedSessionWaiter> {
  const url = config.database.url;
  if (store.backend !== 'postgresql' || url === undefined) {
    return {
      waiter: createSessionWaiter(),
      wakeups: 'in-process',
      isListening: () => true,
      close: async () => {},
    };
  }
  const waiter = await openPostgresSessionWaiter({ url, db: store.db, onError });
  return {
    waiter,
    wakeups: 'postgresql',
    isListening: () => waiter.isListening(),
    close: () => waiter.close(),
  };
}
