import type { RandomSource } from '@tessera/crypto';
import { ProtocolError } from './protocol-error.js';
import { takeRandomBytes } from './take-random-bytes.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 32;
/** Bytes below this (4 × 62) map uniformly onto the alphabet; the rest are drawn again. */
const ACCEPTED_BELOW = 256 - (256 % ALPHABET.length);
/** One draw covers a token unless about 17 of its 48 bytes are rejected (each is with probability 8/256). */
const BYTES_PER_DRAW = 48;

/**
 * A fresh `sessionToken`: 32 uniformly random alphanumeric characters (the RP API asks for ≥ 24), by rejection
 * sampling one byte per character from one draw of the source (a draw costs more than the bytes in it).
 */
export function generateSessionToken(random: RandomSource): string {
  let token = '';
  for (let draw = 0; draw < 64; draw++) {
    for (const byte of takeRandomBytes(random, BYTES_PER_DRAW)) {
      if (byte >= ACCEPTED_BELOW) continue;
      token += ALPHABET[byte % ALPHABET.length];
      if (token.length === LENGTH) return token;
    }
  }
  throw new ProtocolError('RANDOM_SOURCE_FAILURE', 'The random source keeps returning rejected values.');
}
