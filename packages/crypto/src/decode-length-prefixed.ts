import { CryptoError } from './crypto-error.js';

/**
 * The fields of an `encodeLengthPrefixed` byte string, as views into `bytes`. Throws `INVALID_ARGUMENT` when a
 * length prefix or a field is cut short.
 */
export function decodeLengthPrefixed(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new CryptoError('INVALID_ARGUMENT', 'A length prefix is cut short.');
    const length = view.getUint32(at);
    if (at + 4 + length > bytes.length) throw new CryptoError('INVALID_ARGUMENT', 'A field is cut short.');
    fields.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}
