import type { RandomSource } from '@tessera/crypto';

const SPACE = 100_000_000;
/** The largest multiple of 10^8 below 2^32: values at or above it are drawn again, so every code is equally likely. */
const LIMIT = Math.floor(2 ** 32 / SPACE) * SPACE;

/** Eight uniformly random decimal digits. */
export function generatePairingCode(random: RandomSource): string {
  for (;;) {
    const b = random(4);
    const value = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (value < LIMIT) return String(value % SPACE).padStart(8, '0');
  }
}
