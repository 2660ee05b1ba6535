/** Node-only additions to @tessera/crypto: the OpenSSL-backed ModExp. */
export * from './index.js';
export { createOpensslModExp, type OpensslModExpOptions } from './openssl-mod-exp.js';
