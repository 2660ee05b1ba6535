/**
 * @tessera/crypto: two-party RSA with a PIN-masked device share. Pure, no I/O, no `node:` imports:
 * runs in Node and in the browser. The OpenSSL-backed ModExp lives in `@tessera/crypto/node`.
 */
export { bigintToBytes, bitLength, bytesToBigint, concatBytes } from './bytes.js';
export { constantTimeEqual } from './constant-time-equal.js';
export { CryptoError, type CryptoErrorCode } from './crypto-error.js';
export { type RandomSource, systemRandom } from './random.js';
