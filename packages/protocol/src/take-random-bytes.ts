import type { RandomSource } from '@tessera/crypto';
import { ProtocolError } from './protocol-error.js';

/** `length` bytes from `random`, refusing a source that returns anything else. Internal. */
export function takeRandomBytes(random: RandomSource, length: number): Uint8Array {
  const bytes = random(length);
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new ProtocolError('RANDOM_SOURCE_FAILURE', `The random source did not return ${length} bytes.`);
  }
  return bytes;
}

/**
 * A uniform integer in [0, n) for n ≤ 65536, by rejection sampling two bytes at a time. Gives up after many
 * rejections in a row, which only a broken source causes. Internal.
 */
export function takeRandomBelow(random: RandomSource, n: number): number {
  const limit = 65536 - (65536 % n);
  for (let attempt = 0; attempt < 64; attempt++) {
    const b = takeRandomBytes(random, 2);
    const x = (b[0]! << 8) | b[1]!;
    if (x < limit) return x % n;
  }
  throw new ProtocolError('RANDOM_SOURCE_FAILURE', 'The random source keeps returning rejected values.');
}
