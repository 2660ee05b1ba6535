import { CryptoError } from './crypto-error.js';

/** Big-endian unsigned bytes of `x`, left-padded to exactly `length` bytes. Throws if it does not fit. */
export function bigintToBytes(x: bigint, length: number): Uint8Array {
  if (x < 0n) throw new CryptoError('INVALID_ARGUMENT', 'A negative integer has no unsigned encoding.');
  const out = new Uint8Array(length);
  let v = x;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new CryptoError('INVALID_ARGUMENT', `The integer does not fit in ${length} bytes.`);
  return out;
}

/** The unsigned big-endian integer the bytes encode. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** The number of bits needed to write `x` (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** The byte strings, one after another. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
