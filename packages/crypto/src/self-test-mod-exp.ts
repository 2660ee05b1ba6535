import { shake256 } from '@noble/hashes/sha3.js';
import { bigintModExp } from './bigint-mod-exp.js';
import { bytesToBigint } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import type { ModExp } from './mod-exp.js';

const encoder = new TextEncoder();

/** A fixed pseudo-random integer of exactly `bits` bits, derived from a label (no randomness, no state). */
function fixedInteger(label: string, bits: number): bigint {
  const bytes = shake256(encoder.encode(`tessera/modexp-self-test/${label}`), { dkLen: Math.ceil(bits / 8) });
  const excess = BigInt(bytes.length * 8 - bits);
  return (bytesToBigint(bytes) >> excess) | (1n << BigInt(bits - 1));
}

/**
 * Compares `candidate` with `reference` (the BigInt backend by default) on fixed inputs: an odd 2048-bit
 * modulus, share-sized, modulus-sized, small and zero exponents, ordinary bases and the edge bases 0, 1, 2,
 * n−2 and n−1. Throws CryptoError('MODEXP_SELF_TEST_FAILED') on the first disagreement or if the candidate
 * throws. Run it once at start-up before trusting a native backend.
 */
export function selfTestModExp(candidate: ModExp, reference: ModExp = bigintModExp): void {
  const n = fixedInteger('modulus', 2048) | 1n;
  const exponents = [fixedInteger('share', 2048 + 128), fixedInteger('exponent', 2047), 65537n, 1n, 0n];
  const bases = [fixedInteger('base', 2047), 0n, 1n, 2n, n - 2n, n - 1n];
  for (const [e, exponent] of exponents.entries()) {
    const expected = reference.bind(n, exponent);
    let actual: ReturnType<ModExp['bind']>;
    try {
      actual = candidate.bind(n, exponent);
    } catch (cause) {
      throw new CryptoError(
        'MODEXP_SELF_TEST_FAILED',
        `${candidate.name} refused self-test exponent #${e}.`,
        {
          cause,
        },
      );
    }
    for (const [b, base] of bases.entries()) {
      let result: bigint;
      try {
        result = actual.pow(base);
      } catch (cause) {
        throw new CryptoError(
          'MODEXP_SELF_TEST_FAILED',
          `${candidate.name} failed on self-test exponent #${e}, base #${b}.`,
          { cause },
        );
      }
      if (result !== expected.pow(base)) {
        throw new CryptoError(
          'MODEXP_SELF_TEST_FAILED',
          `${candidate.name} disagrees with ${reference.name} on self-test exponent #${e}, base #${b}.`,
        );
      }
    }
  }
}
