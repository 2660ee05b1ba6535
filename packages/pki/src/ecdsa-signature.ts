import { DerError, int, readDer, readInteger, seq, sequenceItems } from './der.js';
import { PkiError } from './pki-error.js';

function toBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** DER `ECDSA-Sig-Value` from the fixed-width `r || s` form PKCS#11 and WebCrypto produce. */
export function ecdsaSignatureToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new PkiError('INVALID_ARGUMENT', 'An r||s ECDSA signature has an even, non-zero length.');
  }
  const half = raw.length / 2;
  return seq(int(toBigint(raw.subarray(0, half))), int(toBigint(raw.subarray(half))));
}

/** The fixed-width `r || s` form (each `size` bytes) of a DER `ECDSA-Sig-Value`. */
export function ecdsaSignatureFromDer(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  try {
    const [rNode, sNode, extra] = sequenceItems(readDer(der), 'ECDSA-Sig-Value');
    if (extra !== undefined) throw new DerError('Extra fields in ECDSA-Sig-Value.');
    const out = new Uint8Array(size * 2);
    for (const [i, node] of [rNode, sNode].entries()) {
      let v = readInteger(node, 'ECDSA r or s');
      if (v <= 0n || v >= 1n << BigInt(8 * size)) throw new DerError('ECDSA r or s out of range.');
      for (let j = size - 1; j >= 0; j--) {
        out[i * size + j] = Number(v & 0xffn);
        v >>= 8n;
      }
    }
    return out;
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw new PkiError('INVALID_ARGUMENT', 'Not a DER ECDSA signature.', { cause });
  }
}
