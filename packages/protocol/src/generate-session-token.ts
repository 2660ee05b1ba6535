import type { RandomSource } from '@tessera/crypto';
import { takeRandomBelow } from './take-random-bytes.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh `sessionToken`: 32 uniformly random alphanumeric characters (the RP API asks for ≥ 24). */
export function generateSessionToken(random: RandomSource): string {
  let token = '';
  for (let i = 0; i < 32; i++) token += ALPHABET[takeRandomBelow(random, ALPHABET.length)];
  return token;
}
