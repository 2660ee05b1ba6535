import type { RandomSource } from '@tessera/crypto';
import { encodeBase64 } from './base64.js';
import { takeRandomBytes } from './take-random-bytes.js';

/** A fresh `sessionSecret`: standard Base64 of 32 random bytes, the HMAC key of the session's authCodes. */
export function generateSessionSecret(random: RandomSource): string {
  return encodeBase64(takeRandomBytes(random, 32));
}
