import { bitLength, bytesToBigint } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { lcm, mod } from './integer-math.js';
import { deviceShareBits } from './key-profiles.js';
import type { RandomSource } from './random.js';

/** The private exponent and either λ(n) or the two primes it follows from. */
export type SplitPrivateExponentInput = {
  modulus: bigint;
  privateExponent: bigint;
} & ({ lambda: bigint } | { primes: readonly [bigint, bigint] });

/** The two additive shares of `d`: `deviceShare + serverShare ≡ d (mod λ(n))`. */
export interface ExponentShares {
  /** Uniform over `[0, 2^deviceShareBits)`, never reduced mod λ or n (rule 1). */
  deviceShare: bigint;
  /** `L = bitLength(n) + 128`. */
  deviceShareBits: number;
  /** `(d − deviceShare) mod λ(n)`, in `[0, λ)`. */
  serverShare: bigint;
}

/** Carmichael's function for `n = p·q`: `λ(n) = lcm(p − 1, q − 1)`. */
export function carmichaelLambda(p: bigint, q: bigint): bigint {
  if (p < 3n || q < 3n) throw new CryptoError('INVALID_ARGUMENT', 'The primes must be odd primes.');
  return lcm(p - 1n, q - 1n);
}

/** A uniform integer in `[0, 2^bits)` from `random` (whole bytes, excess top bits cleared: no bias). */
export function randomBits(random: RandomSource, bits: number): bigint {
  const bytes = random(Math.ceil(bits / 8));
  if (!(bytes instanceof Uint8Array) || bytes.length !== Math.ceil(bits / 8)) {
    throw new CryptoError('INVALID_ARGUMENT', 'The random source returned the wrong number of bytes.');
  }
  bytes[0]! &= 0xff >>> (bytes.length * 8 - bits);
  const value = bytesToBigint(bytes);
  bytes.fill(0);
  return value;
}

/**
 * Splits a private exponent between device and server: draws `d_dev` uniform in `[0, 2^L)` with
 * `L = bitLength(n) + 128` and sets `d_srv = (d − d_dev) mod λ(n)`. Pure: works for any key whose `d` is
 * known, including published test vectors. The caller erases `d`, the primes and λ afterwards (best effort:
 * BigInt values cannot be wiped, only dropped).
 */
export function splitPrivateExponent(input: SplitPrivateExponentInput, random: RandomSource): ExponentShares {
  const { modulus, privateExponent } = input;
  if (
    typeof modulus !== 'bigint' ||
    modulus < 3n ||
    typeof privateExponent !== 'bigint' ||
    privateExponent < 1n
  ) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus and private exponent must be positive integers.');
  }
  let lambda: bigint;
  if ('primes' in input) {
    const [p, q] = input.primes;
    if (p * q !== modulus)
      throw new CryptoError('INVALID_ARGUMENT', 'The primes do not multiply to the modulus.');
    lambda = carmichaelLambda(p, q);
  } else {
    lambda = input.lambda;
    if (typeof lambda !== 'bigint' || lambda < 2n || lambda >= modulus) {
      throw new CryptoError('INVALID_ARGUMENT', 'λ(n) must be an integer in [2, n).');
    }
  }
  const bits = deviceShareBits(bitLength(modulus));
  const deviceShare = randomBits(random, bits);
  return { deviceShare, deviceShareBits: bits, serverShare: mod(privateExponent - deviceShare, lambda) };
}
