import type { RandomSource } from '@tessera/crypto';
import { generateVerificationCode } from './generate-verification-code.js';
import { ProtocolError } from './protocol-error.js';
import { takeRandomBelow } from './take-random-bytes.js';

const NUMERIC4 = /^[0-9]{4}$/;

/**
 * The three codes the app offers for a VC-choice interaction: `correct` once, at a uniformly random
 * position, and two distinct uniformly random decoys that differ from it.
 */
export function generateVerificationCodeChoice(
  correct: string,
  random: RandomSource,
): readonly [string, string, string] {
  if (!NUMERIC4.test(correct))
    throw new ProtocolError('INVALID_ARGUMENT', 'A verification code is 4 digits.');
  const codes = [correct];
  for (let attempt = 0; codes.length < 3; attempt++) {
    if (attempt >= 64) {
      throw new ProtocolError(
        'RANDOM_SOURCE_FAILURE',
        'The random source keeps repeating verification codes.',
      );
    }
    const decoy = generateVerificationCode(random);
    if (!codes.includes(decoy)) codes.push(decoy);
  }
  // Move the correct code from the front to a random slot; the decoys are already in random order.
  const slot = takeRandomBelow(random, 3);
  [codes[0], codes[slot]] = [codes[slot]!, codes[0]!];
  return [codes[0]!, codes[1]!, codes[2]!];
}
