import { decodeBase64url } from './base64url.js';
import { CryptoError } from './crypto-error.js';
import {
  deriveEnvelopeKey,
  ECDH_P256,
  ENVELOPE_VERSION,
  gcmAdditionalData,
  HEADER_LENGTH,
  MIN_ENVELOPE_LENGTH,
  NONCE_LENGTH,
  TAG_LENGTH,
  toBuffer,
} from './envelope-format.js';

/** What `openEnvelope` needs. */
export interface OpenEnvelopeInput {
  /** The recipient's envelope key pair (the public half is bound into the key derivation). */
  recipient: CryptoKeyPair;
  /** The envelope bytes, or their unpadded base64url text as received on the wire. */
  envelope: Uint8Array | string;
  /** The context the opener expects; must equal the sealer's bytes exactly. */
  associatedData: Uint8Array;
}

/**
 * Decrypts a version-1 envelope (layout in `envelope-format.ts`) and returns its plaintext.
 *
 * Every reason it cannot be opened (bad base64url, too short, unknown version, a point not on the curve,
 * a tampered byte, other associated data, another recipient key) throws the same
 * `CryptoError('MALFORMED_CIPHERTEXT')` with the same message. The structural checks only look at public bytes
 * the sender chose, and the cryptographic ones are decided by one AES-GCM tag check, so the single code hides
 * nothing the sender does not already know while giving callers one case to handle.
 */
export async function openEnvelope(input: OpenEnvelopeInput): Promise<Uint8Array> {
  const { recipient, associatedData } = input;
  if (recipient.privateKey.type !== 'private' || recipient.privateKey.algorithm.name !== 'ECDH') {
    throw new CryptoError('INVALID_ARGUMENT', 'The recipient key is not an ECDH P-256 private key.');
  }
  const subtle = globalThis.crypto.subtle;
  const recipientRaw = new Uint8Array(await subtle.exportKey('raw', recipient.publicKey));
  try {
    const envelope = typeof input.envelope === 'string' ? decodeBase64url(input.envelope) : input.envelope;
    if (envelope.length < MIN_ENVELOPE_LENGTH) throw new Error('too short');
    if (envelope[0] !== ENVELOPE_VERSION) throw new Error('unknown version');
    const header = envelope.subarray(0, HEADER_LENGTH);
    const ephemeralRaw = envelope.subarray(1, HEADER_LENGTH);
    if (ephemeralRaw[0] !== 0x04) throw new Error('not an uncompressed point');
    const nonce = envelope.subarray(HEADER_LENGTH, HEADER_LENGTH + NONCE_LENGTH);
    const sealed = envelope.subarray(HEADER_LENGTH + NONCE_LENGTH);
    const ephemeralPublicKey = await subtle.importKey('raw', toBuffer(ephemeralRaw), ECDH_P256, true, []);
    const key = await deriveEnvelopeKey(
      recipient.privateKey,
      ephemeralPublicKey,
      ephemeralRaw,
      recipientRaw,
      'decrypt',
    );
    const plaintext = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: toBuffer(nonce),
        additionalData: gcmAdditionalData(header, associatedData),
        tagLength: TAG_LENGTH * 8,
      },
      key,
      toBuffer(sealed),
    );
    return new Uint8Array(plaintext);
  } catch (cause) {
    throw new CryptoError('MALFORMED_CIPHERTEXT', 'The envelope cannot be opened.', { cause });
  }
}
