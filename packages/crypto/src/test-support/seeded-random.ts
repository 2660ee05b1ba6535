/**
 * Test-only deterministic randomness. Never exported from the package: production code takes `systemRandom`.
 */
import { shake256 } from '@noble/hashes/sha3.js';
import { concatBytes } from '../bytes.js';
import type { RandomSource } from '../random.js';

const encoder = new TextEncoder();

/**
 * A deterministic RandomSource for tests and vector generators: call number `i` returns
 * `SHAKE256("tessera/test-drbg/v1" ‖ 0x00 ‖ UTF-8(seed) ‖ 0x00 ‖ uint32be(i), length)`. The same seed and the
 * same sequence of requested lengths always give the same bytes.
 */
export function seededRandom(seed: string): RandomSource {
  const prefix = concatBytes(
    encoder.encode('tessera/test-drbg/v1'),
    Uint8Array.of(0),
    encoder.encode(seed),
    Uint8Array.of(0),
  );
  let counter = 0;
  return (length) => {
    const index = new Uint8Array(4);
    new DataView(index.buffer).setUint32(0, counter++);
    return shake256(concatBytes(prefix, index), { dkLen: length });
  };
}
