import { encodeLengthPrefixed } from '@tessera/crypto';

/** The version label of the partial-signature plaintext. */
export const PARTIAL_SIGNATURE_PLAINTEXT_VERSION = 'tessera-partial-signature-plaintext/v1';

/**
 * The plaintext of a sealed partial signature: `encodeLengthPrefixed([version, y, cloneToken])`, with
 * `y` one modulus length, big-endian, and the 32-byte clone token the device currently holds.
 */
export function encodePartialSignaturePlaintext(
  partialSignature: Uint8Array,
  cloneToken: Uint8Array,
): Uint8Array {
  return encodeLengthPrefixed([PARTIAL_SIGNATURE_PLAINTEXT_VERSION, partialSignature, cloneToken]);
}
