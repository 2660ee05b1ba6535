import { CryptoError } from './crypto-error.js';

/** The envelope public key as an uncompressed SEC1 point (65 bytes, `0x04 || X || Y`). */
export async function exportEnvelopePublicKey(publicKey: CryptoKey, format: 'raw'): Promise<Uint8Array>;
/** The envelope public key as a JWK (`kty: EC`, `crv: P-256`, `x`, `y`; no `d`). */
export async function exportEnvelopePublicKey(publicKey: CryptoKey, format: 'jwk'): Promise<JsonWebKey>;
export async function exportEnvelopePublicKey(
  publicKey: CryptoKey,
  format: 'raw' | 'jwk',
): Promise<Uint8Array | JsonWebKey> {
  if (publicKey.type !== 'public' || publicKey.algorithm.name !== 'ECDH') {
    throw new CryptoError('INVALID_ARGUMENT', 'An envelope public key is a public ECDH P-256 key.');
  }
  const subtle = globalThis.crypto.subtle;
  if (format === 'raw') return new Uint8Array(await subtle.exportKey('raw', publicKey));
  const { kty, crv, x, y } = await subtle.exportKey('jwk', publicKey);
  return { kty, crv, x, y };
}
