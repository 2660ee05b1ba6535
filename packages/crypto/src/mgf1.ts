import type { HashAlgorithmParameters } from './hash-algorithms.js';

/** MGF1 (RFC 8017 §B.2.1): `length` bytes of `Hash(seed ‖ counter)` blocks. Internal to the PSS encoding. */
export function mgf1(hash: HashAlgorithmParameters, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const input = new Uint8Array(seed.length + 4);
  input.set(seed);
  const counter = new DataView(input.buffer, seed.length, 4);
  for (let at = 0, c = 0; at < length; at += hash.outputLength, c++) {
    counter.setUint32(0, c);
    const block = hash.hash(input);
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
  }
  return out;
}
