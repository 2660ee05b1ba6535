import { CLONE_TOKEN_LENGTH } from './clone-token-format.js';
import { CryptoError } from './crypto-error.js';
import type { RandomSource } from './random.js';

/** A fresh 256-bit clone-detection token (the device's `t0` at enrolment; the server's `t_next` on each accept). */
export function generateCloneToken(random: RandomSource): Uint8Array {
  const token = random(CLONE_TOKEN_LENGTH);
  if (!(token instanceof Uint8Array) || token.length !== CLONE_TOKEN_LENGTH) {
    throw new CryptoError('INVALID_ARGUMENT', 'The random source returned the wrong number of bytes.');
  }
  return token;
}
