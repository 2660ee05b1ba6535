import type { RandomSource } from '@tessera/crypto';
import { encodeBase64 } from './base64.js';
import { ProtocolError } from './protocol-error.js';
import { takeRandomBytes } from './take-random-bytes.js';
import { RP_API_LIMITS } from './wire-values.js';

/** A fresh `rpChallenge`: standard Base64 of `byteLength` random bytes (32–64; 64 as the documentation does). */
export function generateRpChallenge(random: RandomSource, byteLength = 64): string {
  const { min, max } = RP_API_LIMITS.rpChallengeBytes;
  if (!Number.isInteger(byteLength) || byteLength < min || byteLength > max) {
    throw new ProtocolError('INVALID_ARGUMENT', `An rpChallenge has ${min}–${max} bytes.`);
  }
  return encodeBase64(takeRandomBytes(random, byteLength));
}
