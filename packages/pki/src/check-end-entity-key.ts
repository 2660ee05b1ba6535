import { PkiError } from './pki-error.js';
import { describePublicKey } from './public-key.js';

/**
 * Checks an end-entity key against a profile: RSA with public exponent 65537 (two-party RSA design) and a modulus
 * of one of the accepted sizes. Returns the modulus size. Throws UNSUPPORTED_KEY or WRONG_KEY_SIZE.
 */
export function checkEndEntityKey(
  spki: Uint8Array,
  acceptedRsaKeySizes: readonly number[],
): { modulusBits: number } {
  const key = describePublicKey(spki);
  if (key.kind !== 'RSA') throw new PkiError('UNSUPPORTED_KEY', 'End-entity keys are RSA keys.');
  if (key.publicExponent !== 65537n)
    throw new PkiError('UNSUPPORTED_KEY', 'The RSA public exponent must be 65537.');
  if ((key.modulus[key.modulus.length - 1]! & 1) === 0)
    throw new PkiError('UNSUPPORTED_KEY', 'The RSA modulus is even.');
  if (!acceptedRsaKeySizes.includes(key.modulusBits)) {
    throw new PkiError(
      'WRONG_KEY_SIZE',
      `The RSA key has ${key.modulusBits} bits; accepted sizes are ${acceptedRsaKeySizes.join(', ')}.`,
    );
  }
  return { modulusBits: key.modulusBits };
}
