/**
 * Node-only additions to @tessera/crypto: the OpenSSL-backed ModExp, the pool of completion threads, and opening
 * envelopes (the server's side; devices only seal).
 */

export { type CompletionWorkerPool, createCompletionWorkerPool } from './completion-worker-pool.js';
export * from './index.js';
export { type OpenEnvelopeInput, openEnvelope } from './open-envelope.js';
export { createOpensslModExp, type OpensslModExpOptions } from './openssl-mod-exp.js';
