/**
 * The envelope format, version 1: what `sealEnvelope` writes and `openEnvelope` reads (both files point here).
 *
 * ```
 * offset  length  field
 * 0       1       version = 0x01
 * 1       65      ephemeral P-256 public key, uncompressed SEC1 point (0x04 || X || Y)
 * 66      12      AES-GCM nonce, random
 * 78      n + 16  AES-256-GCM ciphertext of the n-byte plaintext, followed by the 16-byte tag
 * ```
 *
 * Key agreement and derivation (ECIES-style, ephemeral-static):
 * - `Z` = ECDH(ephemeral private key, recipient public key): the 32-byte X coordinate.
 * - key = HKDF-SHA-256(IKM = `Z`, salt = empty, info = `"tessera/envelope/v1"` || 0x00 || ephemeral public key
 *   (65 bytes) || recipient public key (65 bytes), L = 32), used as an AES-256-GCM key. Binding both public keys
 *   ties the key to this exact pair.
 * - AES-GCM additional data = the first 66 bytes of the envelope (version and ephemeral key) || the caller's
 *   associated data, so an envelope opens only in the context it was sealed for.
 *
 * Each envelope uses a fresh ephemeral key, so the key is used once and the nonce need not be a counter.
 */
export const ENVELOPE_VERSION = 0x01;
export const POINT_LENGTH = 65;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
export const HEADER_LENGTH = 1 + POINT_LENGTH;
export const MIN_ENVELOPE_LENGTH = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH;

export const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

const INFO_LABEL = new TextEncoder().encode('tessera/envelope/v1\0');

/** A copy backed by a plain ArrayBuffer, as WebCrypto's `BufferSource` wants. */
export function toBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** The HKDF info of one envelope's key: the label, then the ephemeral and the recipient public keys. */
export function envelopeKeyInfo(ephemeralRaw: Uint8Array, recipientRaw: Uint8Array): Uint8Array<ArrayBuffer> {
  const info = new Uint8Array(INFO_LABEL.length + 2 * POINT_LENGTH);
  info.set(INFO_LABEL);
  info.set(ephemeralRaw, INFO_LABEL.length);
  info.set(recipientRaw, INFO_LABEL.length + POINT_LENGTH);
  return info;
}

/** The AES-256-GCM key that seals one envelope, from the ECDH of the ephemeral private key and the recipient's public key. */
export async function deriveEnvelopeKey(
  privateKey: CryptoKey,
  peerPublicKey: CryptoKey,
  ephemeralRaw: Uint8Array,
  recipientRaw: Uint8Array,
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const shared = await subtle.deriveBits({ name: 'ECDH', public: peerPublicKey }, privateKey, 256);
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: envelopeKeyInfo(ephemeralRaw, recipientRaw),
    },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
}

/** The additional data AES-GCM authenticates: the envelope header, then the caller's associated data. */
export function gcmAdditionalData(header: Uint8Array, associatedData: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(header.length + associatedData.length);
  out.set(header);
  out.set(associatedData, header.length);
  return out;
}
