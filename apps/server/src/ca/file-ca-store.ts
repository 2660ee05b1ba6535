/**
 * A CaStore in one JSON file in the data directory, so `tessera ca init` and `tessera ca revoke` persist and a
 * running server sees their changes. Every write is atomic (temporary file, fsync, rename) and happens under a
 * lock file, after re-reading the file, so the CLI and the server can share it. Reads reuse the parsed file
 * until its size or modification time changes. The store beside the embedded database; with PostgreSQL the CA
 * store is in the database (`sql-ca-store.ts`). Every write rewrites the whole file: fine for a demo or a small
 * deployment, not for millions of certificates.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CaError } from './ca-error.js';
import type { CaName } from './ca-names.js';
import type { CaStore, HierarchyRecord, IssuedCertificateRecord, RevocationRecord } from './ca-store.js';
import {
  addIssuedTo,
  type CaStoreState,
  emptyCaStoreState,
  nextCrlNumberIn,
  revokeIn,
} from './ca-store-state.js';

const LOCK_WAIT_MS = 5_000;
const STALE_LOCK_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function parseState(text: string, path: string): CaStoreState {
  let state: CaStoreState;
  try {
    state = JSON.parse(text) as CaStoreState;
  } catch (cause) {
    throw new CaError('STORE_CORRUPT', `The CA store ${path} is not valid JSON.`, { cause });
  }
  if (state?.version !== 1 || typeof state.issued !== 'object' || typeof state.crlNumbers !== 'object') {
    throw new CaError('STORE_CORRUPT', `The CA store ${path} is not a version 1 CA store.`);
  }
  return state;
}

/** The whole store file at `path` (STORE_CORRUPT when it is not one), or undefined when there is none. */
export async function readCaStoreFile(path: string): Promise<CaStoreState | undefined> {
  try {
    return parseState(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A file-backed CaStore at `path` (created on first write, with its directory). */
export function createFileCaStore(path: string): CaStore {
  let cache: { mtimeMs: number; size: number; state: CaStoreState } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<CaStoreState> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCaStoreState();
      throw error;
    }
    if (cache && cache.mtimeMs === info.mtimeMs && cache.size === info.size) return cache.state;
    const state = parseState(await readFile(path, 'utf8'), path);
    cache = { mtimeMs: info.mtimeMs, size: info.size, state };
    return state;
  }

  async function lock(): Promise<() => Promise<void>> {
    const lockPath = `${path}.lock`;
    const started = Date.now();
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => unlink(lockPath).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(lockPath).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await rm(lockPath, { force: true });
        else if (Date.now() - started > LOCK_WAIT_MS) {
          throw new CaError('STORE_LOCKED', `The CA store ${path} stayed locked by ${lockPath}.`);
        } else await sleep(20);
      }
    }
  }

  /** Temporary file, fsync, rename over the store, fsync the directory: a crash leaves the old or the new file. */
  function writeAtomically(state: CaStoreState): void {
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state, null, 1));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  /** Runs a read-modify-write under the in-process queue and the lock file. */
  function mutate<T>(change: (state: CaStoreState) => T): Promise<T> {
    const run = queue.then(async () => {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const unlock = await lock();
      try {
        cache = undefined;
        const state = structuredClone(await read());
        const result = change(state);
        writeAtomically(state);
        cache = undefined;
        return result;
      } finally {
        await unlock();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    loadHierarchy: async () => (await read()).hierarchy,
    saveHierarchy: (hierarchy: HierarchyRecord) =>
      mutate((s) => {
        s.hierarchy = hierarchy;
      }),
    addIssued: (record: IssuedCertificateRecord) => mutate((s) => addIssuedTo(s, record)),
    getIssued: async (serial: string) => (await read()).issued[serial],
    listIssuedByDocumentNumber: async (documentNumber: string) =>
      Object.values((await read()).issued).filter((r) => r.documentNumber === documentNumber),
    revoke: (serial: string, revocation: RevocationRecord) => mutate((s) => revokeIn(s, serial, revocation)),
    listRevoked: async (issuer: CaName) =>
      Object.values((await read()).issued).filter((r) => r.issuer === issuer && r.revocation !== undefined),
    nextCrlNumber: (issuer: CaName) => mutate((s) => nextCrlNumberIn(s, issuer)),
  };
}
