import { ECDH_P256 } from './envelope-format.js';

/**
 * A new P-256 ECDH key pair for receiving envelopes (the server's long-term encryption key). The private key
 * is non-extractable unless `extractable: true` is asked for (only to write it to protected storage once, with
 * `crypto.subtle.exportKey('jwk', …)`); the public key is always exportable.
 */
export async function generateEnvelopeKeyPair(
  options: { extractable?: boolean } = {},
): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ECDH_P256, options.extractable ?? false, ['deriveBits']);
}
