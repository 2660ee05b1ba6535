import {
  bigintToBytes,
  bytesToBigint,
  CryptoError,
  concatBytes,
  encodeLengthPrefixed,
  type RandomSource,
} from '@tessera/crypto';
import { CoreError } from './core-error.js';
import type { KeyShareVault } from './ports.js';

/** Server shares are below λ(n) < n ≤ 2^4096: wrapped at one fixed length, so nothing leaks their size. */
const SHARE_BYTES = 512;
const NONCE_BYTES = 12;
const LABEL = 'tessera/key-share/v1';

/** A copy backed by a plain ArrayBuffer, as WebCrypto's `BufferSource` wants. */
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/**
 * A key-share vault with the KEK in process memory: AES-256-GCM, a random 96-bit nonce per wrapping, and the
 * key id as associated data. SOFTWARE KEK, FOR DEVELOPMENT AND TESTS ONLY: the server announces it and refuses
 * it in production, where the KEK lives in the HSM.
 */
export async function createSoftwareKeyShareVault(
  kek: Uint8Array,
  random: RandomSource,
): Promise<KeyShareVault> {
  if (!(kek instanceof Uint8Array) || kek.length !== 32) {
    throw new CoreError('INVALID_ARGUMENT', 'The software KEK must be 32 bytes.');
  }
  const key = await globalThis.crypto.subtle.importKey('raw', buffer(kek), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const aad = (keyId: string) => buffer(encodeLengthPrefixed([LABEL, keyId]));
  return {
    description: 'software KEK (development only)',
    async wrap(serverShare, keyId) {
      // A fresh ArrayBuffer-backed array (so it can be wiped below, not a copy of it).
      const plain = bigintToBytes(serverShare, SHARE_BYTES) as Uint8Array<ArrayBuffer>;
      const nonce = buffer(random(NONCE_BYTES));
      const sealed = await globalThis.crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: aad(keyId) },
        key,
        plain,
      );
      plain.fill(0);
      return concatBytes(nonce, new Uint8Array(sealed));
    },
    async unwrap(wrapped, keyId) {
      try {
        const plain = await globalThis.crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: buffer(wrapped.subarray(0, NONCE_BYTES)), additionalData: aad(keyId) },
          key,
          buffer(wrapped.subarray(NONCE_BYTES)),
        );
        return bytesToBigint(new Uint8Array(plain));
      } catch (cause) {
        throw new CryptoError('MALFORMED_CIPHERTEXT', 'The wrapped server share cannot be unwrapped.', {
          cause,
        });
      }
    },
  };
}
