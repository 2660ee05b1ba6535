/**
 * Small integer helpers shared inside @tessera/crypto (not exported from the package). They run on public
 * values or are not on a timing-sensitive path; JS BigInt arithmetic is never constant-time.
 */

/** The greatest common divisor of two non-negative integers (Euclid). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The least common multiple of two positive integers. */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** `x mod m` in `[0, m)`, also for negative `x`. */
export function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** The integer square root: the largest `r` with `r² ≤ x` (Newton's method). */
export function integerSquareRoot(x: bigint): bigint {
  if (x < 2n) return x;
  // Start above the root: 2^ceil(bits/2) > sqrt(x).
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / 2));
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

/** `base^exponent mod modulus` by plain square-and-multiply: for public exponents such as `e`. */
export function powModPublic(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n % modulus;
  let b = mod(base, modulus);
  let x = exponent;
  while (x > 0n) {
    if (x & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    x >>= 1n;
  }
  return result;
}

/** The number of bytes needed for integers below `modulus`: `ceil(bitLength / 8)`. */
export function byteLengthOf(modulus: bigint): number {
  return Math.ceil(modulus.toString(2).length / 8);
}
