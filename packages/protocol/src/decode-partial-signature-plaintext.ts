import { CryptoError, decodeLengthPrefixed } from '@tessera/crypto';
import { PARTIAL_SIGNATURE_PLAINTEXT_VERSION } from './encode-partial-signature-plaintext.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Splits a partial-signature plaintext (see `encodePartialSignaturePlaintext`) into `y` and the clone
 * token. Throws `INVALID_ARGUMENT` when the layout or version is wrong or the token is not 32 bytes.
 */
export function decodePartialSignaturePlaintext(plaintext: Uint8Array): {
  partialSignature: Uint8Array;
  cloneToken: Uint8Array;
} {
  let fields: Uint8Array[];
  try {
    fields = decodeLengthPrefixed(plaintext);
  } catch (cause) {
    if (cause instanceof CryptoError) throw new ProtocolError('INVALID_ARGUMENT', cause.message, { cause });
    throw cause;
  }
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
