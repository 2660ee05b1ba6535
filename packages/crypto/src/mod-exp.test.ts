import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { bytesToBigint } from './bytes.js';
import { powModPublic } from './integer-math.js';
import type { ModExp } from './mod-exp.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { selfTestModExp } from './self-test-mod-exp.js';
import { errorCodeOf as codeOf } from './test-support/error-code.js';
import { seededRandom } from './test-support/seeded-random.js';

const random = seededRandom('mod-exp.test');
const randomInteger = (bits: number) =>
  bytesToBigint(random(Math.ceil(bits / 8))) >> BigInt((8 - (bits % 8)) % 8);
const oddModulus = (bits: number) => randomInteger(bits) | (1n << BigInt(bits - 1)) | 1n;

describe('ModExp backends', () => {
  const openssl = createOpensslModExp();

  it('the BigInt backend matches plain square-and-multiply on random inputs of many sizes', () => {
    for (const bits of [2, 7, 64, 255, 1024]) {
      for (let i = 0; i < 4; i++) {
        const n = oddModulus(bits);
        const x = randomInteger(bits + 128 - i * 40);
        const m = randomInteger(bits) % n;
        expect(bigintModExp.bind(n, x).pow(m)).toBe(powModPublic(m, x, n));
      }
    }
    // An even modulus is fine for BigInt.
    expect(bigintModExp.bind(1000n, 3n).pow(999n)).toBe(999n ** 3n % 1000n);
  });

  it('the OpenSSL backend agrees with the BigInt backend on random 2048-bit inputs with share-sized exponents', () => {
    for (let i = 0; i < 4; i++) {
      const n = oddModulus(2048);
      const x = randomInteger(2048 + 128);
      const m = randomInteger(2048) % n;
      expect(openssl.bind(n, x).pow(m)).toBe(bigintModExp.bind(n, x).pow(m));
    }
  });

  it('both backends give the closed forms for the edge bases 0, 1 and n−1 and the exponents 0 and 1', () => {
    const n = oddModulus(1024);
    for (const backend of [bigintModExp, openssl]) {
      for (const x of [0n, 1n, 2n, 65537n, randomInteger(1100) | 1n, randomInteger(1100) & ~1n]) {
        const context = backend.bind(n, x);
        expect(context.pow(0n)).toBe(x === 0n ? 1n : 0n);
        expect(context.pow(1n)).toBe(1n);
        expect(context.pow(n - 1n)).toBe(x % 2n === 1n ? n - 1n : 1n);
        expect(context.pow(n - 2n)).toBe(powModPublic(n - 2n, x, n));
        expect(context.pow(2n)).toBe(powModPublic(2n, x, n));
      }
    }
  });

  it('both backends refuse a base outside [0, n) and a negative exponent with INVALID_ARGUMENT', () => {
    const n = oddModulus(1024);
    for (const backend of [bigintModExp, openssl]) {
      const context = backend.bind(n, 65537n);
      expect(codeOf(() => context.pow(n))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => context.pow(-1n))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => backend.bind(n, -1n))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => backend.bind(1n, 3n))).toBe('INVALID_ARGUMENT');
    }
  });

  it('the OpenSSL backend refuses even moduli and moduli below 512 bits, where OpenSSL returns garbage', () => {
    expect(codeOf(() => openssl.bind(oddModulus(1024) + 1n, 3n))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => openssl.bind(oddModulus(511), 3n))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => openssl.bind(oddModulus(512), 3n))).toBeUndefined();
  });

  it('the OpenSSL backend reuses the context of a (modulus, exponent) pair and evicts the least recently used', () => {
    const small = createOpensslModExp({ maxCachedContexts: 2 });
    const n = oddModulus(1024);
    const a = small.bind(n, 3n);
    const b = small.bind(n, 5n);
    expect(small.bind(n, 3n)).toBe(a); // a is now the most recently used
    small.bind(n, 7n); // evicts b
    expect(small.bind(n, 3n)).toBe(a);
    expect(small.bind(n, 5n)).not.toBe(b);
    expect(small.bind(n + 2n, 3n)).not.toBe(a);
    const uncached = createOpensslModExp({ maxCachedContexts: 0 });
    expect(uncached.bind(n, 3n)).not.toBe(uncached.bind(n, 3n));
    expect(codeOf(() => createOpensslModExp({ maxCachedContexts: -1 }))).toBe('INVALID_ARGUMENT');
  });

  it('the self-test accepts the BigInt and OpenSSL backends', () => {
    expect(() => selfTestModExp(openssl)).not.toThrow();
    expect(() => selfTestModExp(bigintModExp, openssl)).not.toThrow();
  });

  it('the self-test catches a backend that is wrong for one edge base', () => {
    const broken: ModExp = {
      name: 'broken-at-n-minus-1',
      bind(modulus, exponent) {
        const inner = bigintModExp.bind(modulus, exponent);
        return { pow: (base) => (base === modulus - 1n ? 1n : inner.pow(base)) };
      },
    };
    expect(codeOf(() => selfTestModExp(broken))).toBe('MODEXP_SELF_TEST_FAILED');
  });

  it('the self-test catches a backend that is off for long exponents and one that throws', () => {
    const truncating: ModExp = {
      name: 'truncates-exponent',
      bind: (modulus, exponent) => bigintModExp.bind(modulus, exponent & ((1n << 2048n) - 1n)),
    };
    const throwing: ModExp = {
      name: 'throws',
      bind: () => ({
        pow: () => {
          throw new Error('native failure');
        },
      }),
    };
    expect(codeOf(() => selfTestModExp(truncating))).toBe('MODEXP_SELF_TEST_FAILED');
    expect(codeOf(() => selfTestModExp(throwing))).toBe('MODEXP_SELF_TEST_FAILED');
  });
});
