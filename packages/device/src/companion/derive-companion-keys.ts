import { decodeBase64url, encodeBase64url, encodeLengthPrefixed } from '@tessera/crypto';

const subtle = () => globalThis.crypto.subtle;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** What both ends derive from the pairing: a key per direction and the short authentication string. */
export interface CompanionKeys {
  /** AES-256-GCM key, raw, base64url. */
  phoneToWatch: string;
  watchToPhone: string;
  /** Six digits both screens show; the person confirms they are equal on both. */
  sas: string;
}

/** A fresh ECDH P-256 key pair, and its public key as a raw uncompressed point (65 octets), base64url. */
export async function generateCompanionKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: encodeBase64url(raw) };
}

async function hkdf(ikm: CryptoKey, salt: Uint8Array, info: string, bytes: number): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle().deriveBits(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: salt as Uint8Array<ArrayBuffer>,
        info: new TextEncoder().encode(info),
      },
      ikm,
      bytes * 8,
    ),
  );
}

/**
 * The channel's keys and SAS (docs/protocol.md, "Watch companion"): `Z = ECDH(own private key, peer key)`,
 * `salt = SHA-256(encodeLengthPrefixed(["tessera-companion-pairing/v1", channelId, phonePublicKey,
 * watchPublicKey, phoneNonce]))`, and HKDF-SHA-256(Z, salt) with info `tessera-companion/phone-to-watch`,
 * `…/watch-to-phone` (32 octets each) and `…/sas` (8 octets, read big-endian, mod 10^6, six digits). The SAS
 * depends on the phone's nonce, hidden by its commitment until the watch's key was fixed: no one in the middle
 * can choose keys that make both screens agree except by a 1 in 10^6 chance.
 */
export async function deriveCompanionKeys(input: {
  privateKey: CryptoKey;
  peerPublicKey: string;
  channelId: string;
  phonePublicKey: string;
  watchPublicKey: string;
  phoneNonce: string;
}): Promise<CompanionKeys> {
  const peer = await subtle().importKey(
    'raw',
    decodeBase64url(input.peerPublicKey) as Uint8Array<ArrayBuffer>,
    ECDH,
    false,
    [],
  );
  const shared = await subtle().deriveBits({ name: 'ECDH', public: peer }, input.privateKey, 256);
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const salt = new Uint8Array(
    await subtle().digest(
      'SHA-256',
      encodeLengthPrefixed([
        'tessera-companion-pairing/v1',
        input.channelId,
        decodeBase64url(input.phonePublicKey),
        decodeBase64url(input.watchPublicKey),
        decodeBase64url(input.phoneNonce),
      ]) as Uint8Array<ArrayBuffer>,
    ),
  );
  const phoneToWatch = await hkdf(ikm, salt, 'tessera-companion/phone-to-watch', 32);
  const watchToPhone = await hkdf(ikm, salt, 'tessera-companion/watch-to-phone', 32);
  const sasBytes = await hkdf(ikm, salt, 'tessera-companion/sas', 8);
  const sasValue = new DataView(sasBytes.buffer).getBigUint64(0) % 1_000_000n;
  return {
    phoneToWatch: encodeBase64url(phoneToWatch),
    watchToPhone: encodeBase64url(watchToPhone),
    sas: sasValue.toString().padStart(6, '0'),
  };
}
