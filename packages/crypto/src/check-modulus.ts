import { bitLength } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { gcd, integerSquareRoot } from './integer-math.js';

/** Trial division bound: every prime below 2^20 is ruled out as a factor. */
const SMALL_PRIME_BOUND = 1 << 20;

let smallPrimeProduct: bigint | undefined;

/**
 * The product of all primes below 2^20 (≈1.5 Mbit, ≈190 KB): sieved and multiplied once on first use (tens of
 * milliseconds), then reused. The only module-level value in the package: a memoised constant, not state.
 */
function productOfSmallPrimes(): bigint {
  if (smallPrimeProduct !== undefined) return smallPrimeProduct;
  const composite = new Uint8Array(SMALL_PRIME_BOUND);
  let level: bigint[] = [];
  for (let i = 2; i < SMALL_PRIME_BOUND; i++) {
    if (composite[i]) continue;
    level.push(BigInt(i));
    for (let j = i * i; j < SMALL_PRIME_BOUND; j += i) composite[j] = 1;
  }
  // A product tree keeps the factors balanced, so the big multiplications use V8's fast algorithms.
  while (level.length > 1) {
    const next: bigint[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? level[i]! * level[i + 1]! : level[i]!);
    level = next;
  }
  smallPrimeProduct = level[0]!;
  return smallPrimeProduct;
}

/** Input of `checkModulus`. */
export interface CheckModulusInput {
  /** The candidate public modulus n. */
  modulus: bigint;
  /** The exact bit length it must have (the key profile's size). */
  modulusBits: number;
  /** Moduli already registered, checked for equality and for a shared prime factor. */
  registeredModuli?: Iterable<bigint>;
  /**
   * Alternatively (or as well), the product of registered moduli, kept by the caller; a common factor with it
   * means n shares a prime with some registered modulus or is itself registered.
   */
  registeredModuliProduct?: bigint;
}

/**
 * Enrolment, server side: refuses a public modulus that is the wrong size, even, a perfect square, has a
 * prime factor below 2^20, is already registered, or shares a prime factor with a registered modulus (the
 * sign of a broken random number generator). Throws CryptoError('INVALID_MODULUS') for a malformed modulus
 * and 'WEAK_MODULUS' for a weak one, each with a plain sentence; returns nothing when all checks pass.
 */
export function checkModulus({
  modulus: n,
  modulusBits,
  registeredModuli,
  registeredModuliProduct,
}: CheckModulusInput): void {
  if (typeof n !== 'bigint' || n < 2n) {
    throw new CryptoError('INVALID_MODULUS', 'The modulus must be a positive integer.');
  }
  if (bitLength(n) !== modulusBits) {
    throw new CryptoError('INVALID_MODULUS', `The modulus must be exactly ${modulusBits} bits long.`);
  }
  if ((n & 1n) === 0n) throw new CryptoError('INVALID_MODULUS', 'The modulus must be odd.');
  const root = integerSquareRoot(n);
  if (root * root === n) throw new CryptoError('WEAK_MODULUS', 'The modulus is a perfect square.');
  if (gcd(n, productOfSmallPrimes() % n) !== 1n) {
    throw new CryptoError('WEAK_MODULUS', 'The modulus has a prime factor below 2^20.');
  }
  if (registeredModuli !== undefined) {
    let product = 1n;
    for (const m of registeredModuli) {
      if (typeof m !== 'bigint' || m < 1n) {
        throw new CryptoError('INVALID_ARGUMENT', 'Registered moduli must be positive integers.');
      }
      if (m === n) throw new CryptoError('WEAK_MODULUS', 'The modulus is already registered.');
      product = (product * m) % n;
    }
    if (gcd(n, product) !== 1n) {
      throw new CryptoError('WEAK_MODULUS', 'The modulus shares a prime factor with a registered modulus.');
    }
  }
  if (registeredModuliProduct !== undefined) {
    if (typeof registeredModuliProduct !== 'bigint' || registeredModuliProduct < 1n) {
      throw new CryptoError(
        'INVALID_ARGUMENT',
        'The product of registered moduli must be a positive integer.',
      );
    }
    const common = gcd(n, registeredModuliProduct % n);
    if (common === n) {
      throw new CryptoError('WEAK_MODULUS', 'The modulus is already registered, or all its factors are.');
    }
    if (common !== 1n) {
      throw new CryptoError('WEAK_MODULUS', 'The modulus shares a prime factor with a registered modulus.');
    }
  }
}
