import type { RandomSource } from '@tessera/crypto';
import { takeRandomBytes } from './take-random-bytes.js';

/** A fresh `sessionID`: a canonical lower-case version 4 UUID from 16 random bytes (RFC 9562). */
export function generateSessionId(random: RandomSource): string {
  const b = Uint8Array.from(takeRandomBytes(random, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
