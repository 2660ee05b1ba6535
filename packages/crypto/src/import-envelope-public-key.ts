import { CryptoError } from './crypto-error.js';
import { ECDH_P256, POINT_LENGTH, toBuffer } from './envelope-format.js';

/**
 * The server's envelope public key from its uncompressed SEC1 point (65 bytes) or its public JWK. The platform
 * checks that the point is on P-256. Throws `INVALID_ARGUMENT` for anything else (including a JWK with `d`:
 * a private key is never accepted where a public one is expected).
 */
export async function importEnvelopePublicKey(key: Uint8Array | JsonWebKey): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  try {
    if (key instanceof Uint8Array) {
      if (key.length !== POINT_LENGTH || key[0] !== 0x04) throw new Error('not an uncompressed P-256 point');
      return await subtle.importKey('raw', toBuffer(key), ECDH_P256, true, []);
    }
    if (key.kty !== 'EC' || key.crv !== 'P-256' || key.d !== undefined)
      throw new Error('not a public P-256 JWK');
    return await subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: key.x, y: key.y },
      ECDH_P256,
      true,
      [],
    );
  } catch (cause) {
    throw new CryptoError('INVALID_ARGUMENT', 'The envelope public key is not a valid P-256 public key.', {
      cause,
    });
  }
}
