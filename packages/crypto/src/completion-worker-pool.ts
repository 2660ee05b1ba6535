/**
 * Node-only: the server's signature completions in worker threads, so that the event loop keeps answering
 * requests while the CPU signs. Imported only by `node.ts`.
 */
import { Worker } from 'node:worker_threads';
import type { CompleteSignatureResult } from './complete-signature.js';
import type { CompletionAnswer, CompletionRequest } from './completion-worker.js';
import { CryptoError } from './crypto-error.js';
import type { SignatureCompleter, SignatureCompletion } from './signature-completer.js';

const ENTRY = new URL('./completion-worker-entry.mjs', import.meta.url);
/** A thread that cannot load within this long is reported as a failed start. */
const START_TIMEOUT_MS = 60_000;
/** How long to wait before trying again to replace a stopped thread whose replacement could not start. */
const RESTART_DELAY_MS = 1_000;

/** A running pool; `close()` stops its threads and refuses what is still queued. */
export interface CompletionWorkerPool extends SignatureCompleter {
  readonly threads: number;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: CompleteSignatureResult): void;
  reject(error: Error): void;
}

interface Thread {
  /** Null while a replacement for a stopped thread is starting. */
  worker: Worker | null;
  readonly pending: Map<number, Pending>;
}

function startWorker(entry: URL): Promise<Worker> {
  const worker = new Worker(entry);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`A signature completion thread did not start within ${START_TIMEOUT_MS} ms.`));
    }, START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`A signature completion thread could not start: ${error.message}`, { cause: error }));
    };
    worker.once('error', fail);
    worker.once('message', (message) => {
      clearTimeout(timer);
      worker.off('error', fail);
      if (message === 'ready') resolve(worker);
      else reject(new Error('A signature completion thread answered before it was ready.'));
    });
  });
}

/**
 * Starts `threads` worker threads, each completing signatures with OpenSSL (`completeSignature`, its own cache
 * of bound key contexts, `selfTestModExp` passed), and resolves once all of them are ready; rejects with the
 * reason when one cannot start. A completion goes to the thread with the
 * fewest outstanding ones; the result or the CryptoError is the one `completeSignature` would give. A thread
 * that dies fails only its outstanding completions and is replaced. Idle threads do not keep the process alive.
 */
export async function createCompletionWorkerPool({
  threads,
  entry = ENTRY,
}: {
  threads: number;
  /** The module each thread runs: the completion worker, unless a test gives one that can be made to stop. */
  entry?: URL;
}): Promise<CompletionWorkerPool> {
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      'A completion pool needs a whole number of threads, at least 1.',
    );
  }
  let closed = false;
  let nextId = 0;
  const pool: Thread[] = [];

  const settle = (thread: Thread, answer: CompletionAnswer) => {
    const pending = thread.pending.get(answer.id);
    if (pending === undefined) return;
    thread.pending.delete(answer.id);
    if (thread.pending.size === 0) thread.worker?.unref();
    if ('result' in answer) pending.resolve(answer.result);
    else if ('refused' in answer)
      pending.reject(new CryptoError(answer.refused.code, answer.refused.message));
    else pending.reject(new Error(`A signature completion thread failed: ${answer.failed}`));
  };

  const attach = (thread: Thread, worker: Worker) => {
    thread.worker = worker;
    worker.unref();
    worker.on('message', (answer: CompletionAnswer) => settle(thread, answer));
    worker.on('error', () => {}); // 'exit' follows and says what is lost; the error carries no secret
    worker.once('exit', (code) => {
      thread.worker = null;
      const lost = [...thread.pending.values()];
      thread.pending.clear();
      const error = new Error(
        closed
          ? 'The signature completion pool was closed.'
          : `A signature completion thread stopped (exit code ${code}).`,
      );
      for (const pending of lost) pending.reject(error);
      replace(thread);
    });
  };

  const replace = (thread: Thread) => {
    if (closed) return;
    startWorker(entry).then(
      (replacement) => (closed ? void replacement.terminate() : attach(thread, replacement)),
      () => setTimeout(() => replace(thread), RESTART_DELAY_MS).unref(),
    );
  };

  const workers = await Promise.allSettled(Array.from({ length: threads }, () => startWorker(entry)));
  const failed = workers.find((started) => started.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(
      workers.map((started) => (started.status === 'fulfilled' ? started.value.terminate() : 0)),
    );
    throw failed.reason;
  }
  for (const started of workers) {
    const thread: Thread = { worker: null, pending: new Map() };
    attach(thread, (started as PromiseFulfilledResult<Worker>).value);
    pool.push(thread);
  }

  return Object.freeze({
    name: `openssl-dh (${threads} worker threads)`,
    threads,
    complete(completion: SignatureCompletion): Promise<CompleteSignatureResult> {
      if (closed) return Promise.reject(new Error('The signature completion pool was closed.'));
      const running = pool.filter((t): t is Thread & { worker: Worker } => t.worker !== null);
      if (running.length === 0) {
        return Promise.reject(new Error('No signature completion thread is running; restarting them.'));
      }
      const thread = running.reduce((least, t) => (t.pending.size < least.pending.size ? t : least));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        if (thread.pending.size === 1) thread.worker.ref();
        const request: CompletionRequest = { id, completion };
        thread.worker.postMessage(request);
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all(pool.map((thread) => thread.worker?.terminate()));
    },
  });
}
