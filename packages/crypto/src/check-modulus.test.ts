import { describe, expect, it } from 'vitest';
import { bitLength } from './bytes.js';
import { checkModulus } from './check-modulus.js';
import { CryptoError } from './crypto-error.js';
import { recoverPrimeFactors } from './recover-prime-factors.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey, readVectorFile } from './test-support/fixtures.js';

const key = loadFixedKey();
const { keys } = readVectorFile<{ keys: { n: string; e: string; d: string; modulusBits: number }[] }>(
  'rsa-pkcs1v15-siggen.json',
);
const otherKey = keys.find((k) => k.modulusBits === 2048)!;
const other = {
  n: BigInt(`0x${otherKey.n}`),
  ...recoverPrimeFactors(BigInt(`0x${otherKey.n}`), BigInt(`0x${otherKey.e}`), BigInt(`0x${otherKey.d}`)),
};

/** checkModulus at the candidate's own size, so only the check under test can fire. */
function check(
  modulus: bigint,
  extra: { registeredModuli?: bigint[]; registeredModuliProduct?: bigint } = {},
) {
  return errorCodeOf(() => checkModulus({ modulus, modulusBits: bitLength(modulus), ...extra }));
}

describe('the weak-modulus checks at enrolment', () => {
  it('accept a sound modulus, also next to unrelated registered moduli', () => {
    expect(check(key.n)).toBeUndefined();
    expect(
      check(key.n, { registeredModuli: [other.n], registeredModuliProduct: other.n * 7n }),
    ).toBeUndefined();
  });

  it('refuse a modulus of any other size than the expected one with INVALID_MODULUS', () => {
    expect(errorCodeOf(() => checkModulus({ modulus: key.n, modulusBits: 3072 }))).toBe('INVALID_MODULUS');
    expect(errorCodeOf(() => checkModulus({ modulus: key.n >> 8n, modulusBits: 2048 }))).toBe(
      'INVALID_MODULUS',
    );
    expect(errorCodeOf(() => checkModulus({ modulus: key.n << 1n, modulusBits: 2048 }))).toBe(
      'INVALID_MODULUS',
    );
    expect(errorCodeOf(() => checkModulus({ modulus: 0n, modulusBits: 2048 }))).toBe('INVALID_MODULUS');
    expect(errorCodeOf(() => checkModulus({ modulus: '123' as unknown as bigint, modulusBits: 2048 }))).toBe(
      'INVALID_MODULUS',
    );
  });

  it('refuse an even modulus with INVALID_MODULUS', () => {
    expect(check(key.n + 1n)).toBe('INVALID_MODULUS');
  });

  it('refuse a perfect square with WEAK_MODULUS', () => {
    expect(check(key.p * key.p)).toBe('WEAK_MODULUS');
    expect(check(key.p * other.p)).toBeUndefined(); // the same size, not a square
  });

  it('refuse a prime factor just below 2^20 but not one just above it', () => {
    expect(check(key.n * 3n)).toBe('WEAK_MODULUS');
    expect(check(key.n * 1048573n)).toBe('WEAK_MODULUS'); // 2^20 − 3, the largest prime below 2^20
    expect(check(key.n * 1048583n)).toBeUndefined(); // 2^20 + 7, the smallest prime above 2^20
  });

  it('refuse a modulus that is already registered', () => {
    expect(check(key.n, { registeredModuli: [other.n, key.n] })).toBe('WEAK_MODULUS');
    expect(check(key.n, { registeredModuliProduct: other.n * key.n })).toBe('WEAK_MODULUS');
  });

  it('refuse a modulus that shares a prime with a registered one, from a list or a product', () => {
    const broken = key.p * other.q; // what a device with a broken random number generator produces
    expect(check(broken)).toBeUndefined();
    expect(check(broken, { registeredModuli: [other.n] })).toBe('WEAK_MODULUS');
    expect(check(broken, { registeredModuli: [key.n] })).toBe('WEAK_MODULUS');
    expect(check(broken, { registeredModuliProduct: key.n * 1000003n })).toBe('WEAK_MODULUS');
    expect(check(broken, { registeredModuliProduct: key.n * other.n })).toBe('WEAK_MODULUS');
  });

  it('explain each refusal in a plain sentence', () => {
    try {
      checkModulus({ modulus: key.n * 3n, modulusBits: bitLength(key.n * 3n) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CryptoError);
      expect((error as CryptoError).message).toBe('The modulus has a prime factor below 2^20.');
    }
  });

  it('refuse malformed registered moduli with INVALID_ARGUMENT', () => {
    expect(check(key.n, { registeredModuli: [0n] })).toBe('INVALID_ARGUMENT');
    expect(check(key.n, { registeredModuliProduct: -5n })).toBe('INVALID_ARGUMENT');
  });
});
