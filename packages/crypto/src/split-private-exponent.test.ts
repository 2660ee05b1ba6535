import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { recoverPrimeFactors } from './recover-prime-factors.js';
import { carmichaelLambda, randomBits, splitPrivateExponent } from './split-private-exponent.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const key = loadFixedKey();
const lambda = carmichaelLambda(key.p, key.q);

describe('splitting the private exponent', () => {
  it('gives the same shares from λ(n) as from the primes, for the same randomness', () => {
    const fromPrimes = splitPrivateExponent(
      { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
      seededRandom('split/same'),
    );
    const fromLambda = splitPrivateExponent(
      { modulus: key.n, privateExponent: key.d, lambda },
      seededRandom('split/same'),
    );
    expect(fromLambda).toEqual(fromPrimes);
  });

  it('makes shares whose exponentiations multiply to the full-key signature', () => {
    const { deviceShare, serverShare } = splitPrivateExponent(
      { modulus: key.n, privateExponent: key.d, lambda },
      seededRandom('split/multiply'),
    );
    const m = 0x1234567890abcdefn;
    const y = bigintModExp.bind(key.n, deviceShare).pow(m);
    const s = (y * bigintModExp.bind(key.n, serverShare).pow(m)) % key.n;
    expect(s).toBe(bigintModExp.bind(key.n, key.d).pow(m));
  });

  it('draws the device share from all L = k + 128 bits, not from [0, λ) or [0, n)', () => {
    const random = seededRandom('split/range');
    let aboveN = 0;
    for (let i = 0; i < 40; i++) {
      const { deviceShare, deviceShareBits } = splitPrivateExponent(
        { modulus: key.n, privateExponent: key.d, lambda },
        random,
      );
      expect(deviceShareBits).toBe(2048 + 128);
      expect(deviceShare >> 2176n).toBe(0n);
      if (deviceShare > key.n) aboveN++;
    }
    expect(aboveN).toBe(40);
  });

  it('draws uniform bit strings of the exact length, with the excess top bits cleared', () => {
    const random = seededRandom('split/bits');
    for (const bits of [1, 7, 9, 130]) {
      const seen = new Set<bigint>();
      for (let i = 0; i < 64; i++) {
        const v = randomBits(random, bits);
        expect(v >> BigInt(bits)).toBe(0n);
        seen.add(v >> BigInt(Math.max(0, bits - 1)));
      }
      expect(seen).toEqual(new Set([0n, 1n])); // the top bit is 0 sometimes and 1 sometimes
    }
  });

  it('refuses primes that do not multiply to n, an impossible λ and a short random source', () => {
    const base = { modulus: key.n, privateExponent: key.d };
    const random = seededRandom('split/bad');
    expect(errorCodeOf(() => splitPrivateExponent({ ...base, primes: [key.p, key.q + 2n] }, random))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => splitPrivateExponent({ ...base, lambda: key.n }, random))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => splitPrivateExponent({ ...base, lambda }, () => new Uint8Array(3)))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => splitPrivateExponent({ ...base, privateExponent: 0n, lambda }, random))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('recovering the primes from (n, e, d)', () => {
  it('finds the key’s primes', () => {
    const { p, q } = recoverPrimeFactors(key.n, key.e, key.d);
    expect([p, q]).toEqual(key.p < key.q ? [key.p, key.q] : [key.q, key.p]);
  });

  it('refuses exponents that do not belong to the modulus with INVALID_ARGUMENT', () => {
    expect(errorCodeOf(() => recoverPrimeFactors(key.n, key.e, key.d + 2n))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => recoverPrimeFactors(key.n + 1n, key.e, key.d))).toBe('INVALID_ARGUMENT');
  });
});
