import { bigintModExp } from './bigint-mod-exp.js';
import { CryptoError } from './crypto-error.js';
import { gcd } from './integer-math.js';

/**
 * Recovers `p` and `q` (with `p < q`) from `(n, e, d)` by the standard probabilistic method (NIST SP 800-56B
 * Appendix C.2; Boneh 1999): write `e·d − 1 = 2^t · r` with `r` odd and look for a non-trivial square root of
 * 1 among `g^(r·2^i)`. The bases are fixed (2, 3, 5, …), so the result is deterministic; each base succeeds
 * with probability ≥ 1/2. Variable-time BigInt arithmetic: meant for importing keys and test vectors, not
 * for a signing path. Throws CryptoError('INVALID_ARGUMENT') if `(e, d)` is not a key pair for `n`.
 */
export function recoverPrimeFactors(
  modulus: bigint,
  publicExponent: bigint,
  privateExponent: bigint,
): { p: bigint; q: bigint } {
  const n = modulus;
  if (n < 15n || (n & 1n) === 0n || publicExponent < 3n || privateExponent < 1n) {
    throw new CryptoError('INVALID_ARGUMENT', 'Expected an odd RSA modulus and positive exponents.');
  }
  const k = publicExponent * privateExponent - 1n;
  let r = k;
  let t = 0;
  while ((r & 1n) === 0n) {
    r >>= 1n;
    t++;
  }
  if (t === 0) throw new CryptoError('INVALID_ARGUMENT', 'e·d − 1 is odd: not an RSA key pair.');
  const bases = [
    2n,
    3n,
    5n,
    7n,
    11n,
    13n,
    17n,
    19n,
    23n,
    29n,
    31n,
    37n,
    41n,
    43n,
    47n,
    53n,
    59n,
    61n,
    67n,
    71n,
  ];
  for (const g of bases) {
    const common = gcd(g, n);
    if (common !== 1n) return order(common, n / common);
    let y = bigintModExp.bind(n, r).pow(g);
    if (y === 1n || y === n - 1n) continue;
    for (let i = 1; i <= t; i++) {
      const x = (y * y) % n;
      if (x === 1n) return order(gcd(y - 1n, n), n / gcd(y - 1n, n));
      if (x === n - 1n) break;
      y = x;
    }
  }
  throw new CryptoError('INVALID_ARGUMENT', 'The modulus could not be factored from (e, d): not a key pair.');
}

function order(a: bigint, b: bigint): { p: bigint; q: bigint } {
  return a < b ? { p: a, q: b } : { p: b, q: a };
}
