/** Node-only additions to @tessera/crypto: the OpenSSL-backed ModExp. */
export * from './index.js';
