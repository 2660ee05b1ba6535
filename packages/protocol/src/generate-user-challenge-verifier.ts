import type { RandomSource } from '@tessera/crypto';
import { encodeBase64Url } from './base64.js';
import { takeRandomBytes } from './take-random-bytes.js';

/** A fresh `userChallengeVerifier`: Base64URL (unpadded) of 32 random bytes, 43 characters. */
export function generateUserChallengeVerifier(random: RandomSource): string {
  return encodeBase64Url(takeRandomBytes(random, 32));
}
