import { CryptoError } from './crypto-error.js';

const utf8 = new TextEncoder();

/**
 * One unambiguous byte string for a list of fields: each field as a 4-byte big-endian length followed by its
 * bytes (strings as UTF-8). Use it for associated data and request bytes built from several values, so that
 * `('ab', 'c')` and `('a', 'bc')` never encode alike.
 */
export function encodeLengthPrefixed(fields: readonly (string | Uint8Array)[]): Uint8Array {
  const parts = fields.map((f) => (typeof f === 'string' ? utf8.encode(f) : f));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of parts) {
    if (p.length > 0xffffffff) throw new CryptoError('INVALID_ARGUMENT', 'A field is too long to encode.');
    view.setUint32(at, p.length);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}
