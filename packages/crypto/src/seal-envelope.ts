import { CryptoError } from './crypto-error.js';
import {
  deriveEnvelopeKey,
  ECDH_P256,
  ENVELOPE_VERSION,
  gcmAdditionalData,
  HEADER_LENGTH,
  NONCE_LENGTH,
  TAG_LENGTH,
  toBuffer,
} from './envelope-format.js';
import type { RandomSource } from './random.js';

/** What `sealEnvelope` needs. */
export interface SealEnvelopeInput {
  /** The recipient's (the server's) envelope public key, from `importEnvelopePublicKey`. */
  recipientPublicKey: CryptoKey;
  /** The secret to carry (for example a key share or a partial signature). */
  plaintext: Uint8Array;
  /**
   * The context the envelope belongs to, authenticated but not encrypted, and not part of the envelope: the
   * opener must supply the same bytes. Build it with `encodeLengthPrefixed([purpose, transactionId, keyId])`.
   */
  associatedData: Uint8Array;
  /** Draws the 96-bit nonce. */
  random: RandomSource;
  /** A fixed ephemeral key pair, for known-answer tests only; by default a fresh one per envelope. */
  ephemeralKeyPair?: CryptoKeyPair;
}

/**
 * Encrypts `plaintext` end to end to the recipient's P-256 key (ephemeral-static ECDH, HKDF-SHA-256,
 * AES-256-GCM) with `associatedData` bound in. Returns the version-1 envelope bytes, laid out as
 * `version(1) || ephemeral public key(65) || nonce(12) || ciphertext || tag(16)`; the full layout and
 * derivation are in `envelope-format.ts`. Encode it with `encodeBase64url` for JSON.
 */
export async function sealEnvelope(input: SealEnvelopeInput): Promise<Uint8Array> {
  const { recipientPublicKey, plaintext, associatedData, random } = input;
  if (recipientPublicKey.type !== 'public' || recipientPublicKey.algorithm.name !== 'ECDH') {
    throw new CryptoError('INVALID_ARGUMENT', 'The recipient key is not an ECDH P-256 public key.');
  }
  const subtle = globalThis.crypto.subtle;
  const ephemeral = input.ephemeralKeyPair ?? (await subtle.generateKey(ECDH_P256, false, ['deriveBits']));
  const ephemeralRaw = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
  const recipientRaw = new Uint8Array(await subtle.exportKey('raw', recipientPublicKey));
  const nonce = random(NONCE_LENGTH);
  if (nonce.length !== NONCE_LENGTH)
    throw new CryptoError('INVALID_ARGUMENT', 'The random source is broken.');

  const header = new Uint8Array(HEADER_LENGTH);
  header[0] = ENVELOPE_VERSION;
  header.set(ephemeralRaw, 1);
  const key = await deriveEnvelopeKey(ephemeral.privateKey, recipientPublicKey, ephemeralRaw, recipientRaw);
  const sealed = new Uint8Array(
    await subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: toBuffer(nonce),
        additionalData: gcmAdditionalData(header, associatedData),
        tagLength: TAG_LENGTH * 8,
      },
      key,
      toBuffer(plaintext),
    ),
  );

  const out = new Uint8Array(HEADER_LENGTH + NONCE_LENGTH + sealed.length);
  out.set(header);
  out.set(nonce, HEADER_LENGTH);
  out.set(sealed, HEADER_LENGTH + NONCE_LENGTH);
  return out;
}
