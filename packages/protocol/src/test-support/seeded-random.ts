import { sha256 } from '@noble/hashes/sha2.js';
import type { RandomSource } from '@tessera/crypto';

/** A deterministic RandomSource for tests: SHA-256 in counter mode over a seed string. Not for production. */
export function seededRandom(seed: string): RandomSource {
  const key = new TextEncoder().encode(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  return (length) => {
    while (pool.length < length) {
      const block = new Uint8Array(key.length + 4);
      block.set(key);
      new DataView(block.buffer).setUint32(key.length, counter++);
      const next = new Uint8Array(pool.length + 32);
      next.set(pool);
      next.set(sha256(block), pool.length);
      pool = next;
    }
    const out = pool.slice(0, length);
    pool = pool.slice(length);
    return out;
  };
}

/** A RandomSource that replays the given bytes in a loop (to force collisions and rejections). */
export function replayRandom(bytes: readonly number[]): RandomSource {
  let at = 0;
  return (length) => Uint8Array.from({ length }, () => bytes[at++ % bytes.length]!);
}
