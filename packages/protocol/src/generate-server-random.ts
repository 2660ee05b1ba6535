import type { RandomSource } from '@tessera/crypto';
import { encodeBase64 } from './base64.js';
import { takeRandomBytes } from './take-random-bytes.js';

/** A fresh ACSP_V2 `serverRandom`: standard Base64 of 24 random bytes (32 characters; the RP API asks for ≥ 24). */
export function generateServerRandom(random: RandomSource): string {
  return encodeBase64(takeRandomBytes(random, 24));
}
