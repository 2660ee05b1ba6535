import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from './bytes.js';

const encoder = new TextEncoder();
const INFO_LABEL = encoder.encode('tessera/pin-mask/v1');

/**
 * The PIN mask: HKDF-SHA-256 (RFC 5869) with IKM = UTF-8(PIN), the record's salt, and
 * info = "tessera/pin-mask/v1" ‖ 0x00 ‖ UTF-8(keyId); `ceil(bits/8)` bytes with the excess top bits cleared,
 * so the mask is exactly `bits` bits. Every PIN gives an equally plausible mask: nothing here checks a PIN.
 * The caller wipes the returned bytes after use.
 */
export function derivePinMask(pin: string, salt: Uint8Array, keyId: string, bits: number): Uint8Array {
  const ikm = encoder.encode(pin);
  const info = concatBytes(INFO_LABEL, Uint8Array.of(0x00), encoder.encode(keyId));
  const mask = hkdf(sha256, ikm, salt, info, Math.ceil(bits / 8));
  ikm.fill(0);
  mask[0]! &= 0xff >>> (mask.length * 8 - bits);
  return mask;
}
