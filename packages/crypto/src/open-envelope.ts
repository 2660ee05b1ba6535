import { createDecipheriv, createECDH, type ECDH, hkdfSync, KeyObject } from 'node:crypto';
import { decodeBase64url } from './base64url.js';
import { concatBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import {
  ENVELOPE_VERSION,
  envelopeKeyInfo,
  gcmAdditionalData,
  HEADER_LENGTH,
  MIN_ENVELOPE_LENGTH,
  NONCE_LENGTH,
  TAG_LENGTH,
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

/** The recipient's private key as OpenSSL's ECDH takes it, and public keys as raw points, made once per key. */
const privateKeys = new WeakMap<CryptoKey, ECDH>();
const publicPoints = new WeakMap<CryptoKey, Uint8Array>();

function ecdhOf(privateKey: CryptoKey): ECDH {
  let ecdh = privateKeys.get(privateKey);
  if (ecdh === undefined) {
    ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(KeyObject.from(privateKey).export({ format: 'jwk' }).d!, 'base64url'));
    privateKeys.set(privateKey, ecdh);
  }
  return ecdh;
}

function pointOf(publicKey: CryptoKey): Uint8Array {
  let point = publicPoints.get(publicKey);
  if (point === undefined) {
    const { x, y } = KeyObject.from(publicKey).export({ format: 'jwk' });
    point = concatBytes(Uint8Array.of(0x04), decodeBase64url(x!), decodeBase64url(y!));
    publicPoints.set(publicKey, point);
  }
  return point;
}

/**
 * Decrypts a version-1 envelope (layout in `envelope-format.ts`) and returns its plaintext. Node only: the server
 * opens envelopes, devices only seal them; OpenSSL does it synchronously in a fraction of what the same steps
 * cost through WebCrypto's asynchronous calls.
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
  const ecdh = ecdhOf(recipient.privateKey);
  const recipientPoint = pointOf(recipient.publicKey);
  try {
    const envelope = typeof input.envelope === 'string' ? decodeBase64url(input.envelope) : input.envelope;
    if (envelope.length < MIN_ENVELOPE_LENGTH) throw new Error('too short');
    if (envelope[0] !== ENVELOPE_VERSION) throw new Error('unknown version');
    const header = envelope.subarray(0, HEADER_LENGTH);
    const ephemeralPoint = envelope.subarray(1, HEADER_LENGTH);
    if (ephemeralPoint[0] !== 0x04) throw new Error('not an uncompressed point');
    const nonce = envelope.subarray(HEADER_LENGTH, HEADER_LENGTH + NONCE_LENGTH);
    const ciphertext = envelope.subarray(HEADER_LENGTH + NONCE_LENGTH, envelope.length - TAG_LENGTH);
    const tag = envelope.subarray(envelope.length - TAG_LENGTH);
    // Throws for a point that is not on the curve.
    const shared = ecdh.computeSecret(ephemeralPoint);
    const key = hkdfSync(
      'sha256',
      shared,
      new Uint8Array(0),
      envelopeKeyInfo(ephemeralPoint, recipientPoint),
      32,
    );
    const decipher = createDecipheriv('aes-256-gcm', new Uint8Array(key), nonce, {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(gcmAdditionalData(header, associatedData));
    decipher.setAuthTag(tag);
    return concatBytes(decipher.update(ciphertext), decipher.final());
  } catch (cause) {
    throw new CryptoError('MALFORMED_CIPHERTEXT', 'The envelope cannot be opened.', { cause });
  }
}
