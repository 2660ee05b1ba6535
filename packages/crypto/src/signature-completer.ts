import {
  type CompleteSignatureInput,
  type CompleteSignatureResult,
  completeSignature,
} from './complete-signature.js';
import type { ModExp } from './mod-exp.js';

/** One server completion: everything `completeSignature` takes but the backend, which the completer owns. */
export type SignatureCompletion = Omit<CompleteSignatureInput, 'modExp'>;

/**
 * The server's half of every signature (`completeSignature`), wherever it runs: on the calling thread
 * (`completeOnCallingThread`) or in a pool of worker threads (`createCompletionWorkerPool` in
 * `@tessera/crypto/node`), so that a busy server keeps answering while it signs. Same results, same errors.
 */
export interface SignatureCompleter {
  /** A short, stable name for logs and metrics. */
  readonly name: string;
  complete(completion: SignatureCompletion): Promise<CompleteSignatureResult>;
}

/** A completer that computes on the calling thread with `modExp`: tests, tools, and the browser. */
export function completeOnCallingThread(modExp: ModExp): SignatureCompleter {
  return Object.freeze({
    name: `${modExp.name} (calling thread)`,
    complete: async (completion: SignatureCompletion) => completeSignature({ ...completion, modExp }),
  });
}
