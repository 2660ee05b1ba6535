import { CryptoError } from './crypto-error.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The 6-bit value of each character code below 128; -1 for characters outside the alphabet. */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** The unpadded base64url text (RFC 4648 §5) of the bytes. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 0x03) << 4) | ((b1 ?? 0) >> 4)]!;
    if (b1 !== undefined) out += ALPHABET[((b1 & 0x0f) << 2) | ((b2 ?? 0) >> 6)]!;
    if (b2 !== undefined) out += ALPHABET[b2 & 0x3f]!;
  }
  return out;
}

/**
 * The bytes of unpadded base64url text. Strict, so that every byte string has exactly one accepted text:
 * throws `INVALID_ARGUMENT` on padding, whitespace, characters outside the alphabet, an impossible length
 * or non-zero unused trailing bits.
 */
export function decodeBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1)
    throw new CryptoError('INVALID_ARGUMENT', 'The base64url text has an impossible length.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? VALUES[code]! : -1;
    if (v < 0) throw new CryptoError('INVALID_ARGUMENT', 'The text is not unpadded base64url.');
    value = ((value << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'The base64url text has non-zero trailing bits.');
  }
  return out;
}
