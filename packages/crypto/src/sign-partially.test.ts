import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { bytesToBigint } from './bytes.js';
import { encodeMessage } from './encode-message.js';
import { type HashAlgorithm, hashMessage } from './hash-algorithms.js';
import { maskDeviceShare } from './mask-device-share.js';
import type { ModExp } from './mod-exp.js';
import { signPartially, signPartiallyWithPin } from './sign-partially.js';
import { splitPrivateExponent } from './split-private-exponent.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const key = loadFixedKey();
const random = seededRandom('sign-partially.test');
const shares = splitPrivateExponent(
  { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
  random,
);
const maskedShare = maskDeviceShare({
  deviceShare: shares.deviceShare,
  bits: shares.deviceShareBits,
  pin: '2468',
  keyId: 'k',
  random,
});
const shown = new TextEncoder().encode('Pay 10 EUR to Example Shop');
const other = new TextEncoder().encode('Pay 10000 EUR to Attacker Ltd');

function spyBackend() {
  const spy = { calls: 0, backend: undefined as unknown as ModExp };
  spy.backend = {
    name: 'spy',
    bind: (n, x) => {
      spy.calls++;
      return bigintModExp.bind(n, x);
    },
  };
  return spy;
}

describe('the device partial signature', () => {
  it('is EM^d_dev mod n for an EM that encodes what the device displays', () => {
    const digest = hashMessage('SHA-384', shown);
    const expected = { encoding: 'pss' as const, algorithm: 'SHA-384' as const, digest };
    const encodedMessage = encodeMessage({ ...expected, modulusBits: key.bits, salt: random(48) });
    const y = signPartially({
      modulus: key.n,
      deviceShare: shares.deviceShare,
      encodedMessage,
      expected,
      modExp: bigintModExp,
    });
    expect(y.length).toBe(key.bits / 8);
    expect(bytesToBigint(y)).toBe(
      bigintModExp.bind(key.n, shares.deviceShare).pow(bytesToBigint(encodedMessage)),
    );
    const withPin = signPartiallyWithPin({
      modulus: key.n,
      maskedShare,
      pin: '2468',
      encodedMessage,
      expected,
      modExp: bigintModExp,
    });
    expect(Buffer.from(withPin).equals(Buffer.from(y))).toBe(true);
  });

  it.each([
    ['pkcs1-v1_5', 'SHA-256'],
    ['pss', 'SHA-256'],
    ['pss', 'SHA3-512'],
  ] as const)(
    'refuses a %s / %s EM for another text with ENCODING_MISMATCH before any exponentiation',
    (encoding, algorithm: HashAlgorithm) => {
      const salt = encoding === 'pss' ? random(algorithm.endsWith('512') ? 64 : 32) : undefined;
      const encodedMessage = encodeMessage({
        encoding,
        algorithm,
        digest: hashMessage(algorithm, other),
        modulusBits: key.bits,
        salt,
      });
      const expected = { encoding, algorithm, digest: hashMessage(algorithm, shown) };
      const spy = spyBackend();
      expect(
        errorCodeOf(() =>
          signPartially({
            modulus: key.n,
            deviceShare: shares.deviceShare,
            encodedMessage,
            expected,
            modExp: spy.backend,
          }),
        ),
      ).toBe('ENCODING_MISMATCH');
      // The encoding is checked before the PIN is even looked at.
      expect(
        errorCodeOf(() =>
          signPartiallyWithPin({
            modulus: key.n,
            maskedShare,
            pin: 'not digits',
            encodedMessage,
            expected,
            modExp: spy.backend,
          }),
        ),
      ).toBe('ENCODING_MISMATCH');
      expect(spy.calls).toBe(0);
    },
  );

  it('refuses a masked share for a key of another size and a malformed modulus', () => {
    const digest = hashMessage('SHA-256', shown);
    const expected = { encoding: 'pkcs1-v1_5' as const, algorithm: 'SHA-256' as const, digest };
    const encodedMessage = encodeMessage({ ...expected, modulusBits: key.bits });
    const short = { ...maskedShare, bits: maskedShare.bits - 8, masked: maskedShare.masked.subarray(1) };
    expect(
      errorCodeOf(() =>
        signPartiallyWithPin({
          modulus: key.n,
          maskedShare: short,
          pin: '2468',
          encodedMessage,
          expected,
          modExp: bigintModExp,
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      errorCodeOf(() =>
        signPartially({
          modulus: key.n - 1n,
          deviceShare: 1n,
          encodedMessage,
          expected,
          modExp: bigintModExp,
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      errorCodeOf(() =>
        signPartially({ modulus: key.n, deviceShare: -1n, encodedMessage, expected, modExp: bigintModExp }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});
