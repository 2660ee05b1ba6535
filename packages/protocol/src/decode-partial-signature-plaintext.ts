import { PARTIAL_SIGNATURE_PLAINTEXT_VERSION } from './encode-partial-signature-plaintext.js';
import { ProtocolError } from './protocol-error.js';

function readFields(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new ProtocolError('INVALID_ARGUMENT', 'A length prefix is cut short.');
    const length = view.getUint32(at);
    if (at + 4 + length > bytes.length) throw new ProtocolError('INVALID_ARGUMENT', 'A field is cut short.');
    fields.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/**
 * Splits a partial-signature plaintext (see `encodePartialSignaturePlaintext`) into `y` and the clone
 * token. Throws `INVALID_ARGUMENT` when the layout or version is wrong or the token is not 32 bytes.
 */
export function decodePartialSignaturePlaintext(plaintext: Uint8Array): {
  partialSignature: Uint8Array;
  cloneToken: Uint8Array;
} {
  const fields = readFields(plaintext);
  const [version, partialSignature, cloneToken] = fields;
  if (
    fields.length !== 3 ||
    new TextDecoder().decode(version) !== PARTIAL_SIGNATURE_PLAINTEXT_VERSION ||
    cloneToken?.length !== 32 ||
    partialSignature === undefined
  ) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The partial-signature plaintext is malformed.');
  }
  return { partialSignature: partialSignature.slice(), cloneToken: cloneToken.slice() };
}
