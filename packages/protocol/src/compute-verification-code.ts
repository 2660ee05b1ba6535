import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The 4-digit verification code of `data` (spec §5.1): the last two bytes of SHA-256(data), read as a
 * big-endian unsigned 16-bit integer, modulo 10000, zero-padded to four digits.
 */
export function computeVerificationCode(data: Uint8Array): string {
  const h = sha256(data);
  return (((h[30]! << 8) | h[31]!) % 10_000).toString().padStart(4, '0');
}
