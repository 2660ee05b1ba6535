import type { RandomSource } from '@tessera/crypto';
import { takeRandomBelow } from './take-random-bytes.js';

/** A uniformly random `numeric4` code, as the server returns for v3 notification signing (spec §5.1). */
export function generateVerificationCode(random: RandomSource): string {
  return takeRandomBelow(random, 10_000).toString().padStart(4, '0');
}
