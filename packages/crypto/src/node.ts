/** Node-only additions to @tessera/crypto: the OpenSSL-backed ModExp and the pool of completion threads. */

export { type CompletionWorkerPool, createCompletionWorkerPool } from './completion-worker-pool.js';
export * from './index.js';
export { createOpensslModExp, type OpensslModExpOptions } from './openssl-mod-exp.js';
