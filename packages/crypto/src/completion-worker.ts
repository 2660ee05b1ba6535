/**
 * Node-only, the body of one thread of `createCompletionWorkerPool`: completes signatures with its own OpenSSL
 * backend (and its own cache of bound key contexts), checked against the BigInt reference before the thread
 * says it is ready, and answers each request by its id. Nothing is logged.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { completeSignature } from './complete-signature.js';
import { CryptoError } from './crypto-error.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { selfTestModExp } from './self-test-mod-exp.js';
import type { SignatureCompletion } from './signature-completer.js';

/** A request from the pool. */
export interface CompletionRequest {
  readonly id: number;
  readonly completion: SignatureCompletion;
}

/** The answer to one request: the result, a refused input (CryptoError), or a failure of this thread. */
export type CompletionAnswer =
  | { readonly id: number; readonly result: ReturnType<typeof completeSignature> }
  | {
      readonly id: number;
      readonly refused: { readonly code: CryptoError['code']; readonly message: string };
    }
  | { readonly id: number; readonly failed: string };

const port = parentPort;
if (port === null) throw new Error('completion-worker.ts runs only as a worker thread.');
// Requests first: on Linux a thread has its own nice value, so this thread yields the CPU to the event loop
// whenever both want it (elsewhere the call would lower the whole process, so it is not made).
if (process.platform === 'linux') setPriority(0, 10);
const modExp = createOpensslModExp();
// A thread whose OpenSSL disagrees with the BigInt reference never starts: the pool's start fails and says so.
selfTestModExp(modExp);

port.on('message', ({ id, completion }: CompletionRequest) => {
  let answer: CompletionAnswer;
  try {
    answer = { id, result: completeSignature({ ...completion, modExp }) };
  } catch (error) {
    answer =
      error instanceof CryptoError
        ? { id, refused: { code: error.code, message: error.message } }
        : { id, failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
