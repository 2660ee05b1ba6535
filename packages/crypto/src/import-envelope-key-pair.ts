import { CryptoError } from './crypto-error.js';
import { ECDH_P256 } from './envelope-format.js';

/**
 * The server's envelope key pair from its private JWK (`kty: EC`, `crv: P-256`, `d`, `x`, `y`), as loaded from
 * protected storage. The private key comes back non-extractable unless `extractable: true` is asked for.
 * Throws `INVALID_ARGUMENT` for anything else; the message never repeats the key.
 */
export async function importEnvelopeKeyPair(
  privateJwk: JsonWebKey,
  options: { extractable?: boolean } = {},
): Promise<CryptoKeyPair> {
  const subtle = globalThis.crypto.subtle;
  try {
    const { kty, crv, x, y, d } = privateJwk;
    if (kty !== 'EC' || crv !== 'P-256' || typeof d !== 'string') throw new Error('not a private P-256 JWK');
    const privateKey = await subtle.importKey(
      'jwk',
      { kty, crv, x, y, d },
      ECDH_P256,
      options.extractable ?? false,
      ['deriveBits'],
    );
    const publicKey = await subtle.importKey('jwk', { kty, crv, x, y }, ECDH_P256, true, []);
    return { privateKey, publicKey };
  } catch (cause) {
    throw new CryptoError('INVALID_ARGUMENT', 'The envelope private key is not a valid P-256 private JWK.', {
      cause,
    });
  }
}
