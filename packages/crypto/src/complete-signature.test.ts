import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { completeSignature } from './complete-signature.js';
import { encodeMessage } from './encode-message.js';
import { hashMessage } from './hash-algorithms.js';
import type { ModExp } from './mod-exp.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { signPartially } from './sign-partially.js';
import { splitPrivateExponent } from './split-private-exponent.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const key = loadFixedKey();
const k = key.bits / 8;
const openssl = createOpensslModExp();
const shares = splitPrivateExponent(
  { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
  seededRandom('complete-signature.test'),
);
const digest = hashMessage('SHA-256', new TextEncoder().encode('complete me'));
const expected = { encoding: 'pkcs1-v1_5' as const, algorithm: 'SHA-256' as const, digest };
const encodedMessage = encodeMessage({ ...expected, modulusBits: key.bits });
const y = signPartially({
  modulus: key.n,
  deviceShare: shares.deviceShare,
  encodedMessage,
  expected,
  modExp: openssl,
});
const input = {
  modulus: key.n,
  publicExponent: key.e,
  serverShare: shares.serverShare,
  encodedMessage,
  partialSignature: y,
  modExp: openssl,
};

describe('completing a signature on the server', () => {
  it('returns the ordinary RSA signature for a genuine partial signature', () => {
    const result = completeSignature(input);
    expect(result.ok).toBe(true);
    const s = result.ok ? bytesToBigint(result.signature) : 0n;
    expect(s).toBe(bigintModExp.bind(key.n, key.d).pow(bytesToBigint(encodedMessage)));
    expect(result.ok && result.signature.length).toBe(k);
  });

  it('returns only { ok: false, reason } for a partial signature made with another share', () => {
    const other = splitPrivateExponent(
      { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
      seededRandom('complete-signature.test/other'),
    );
    const stale = signPartially({
      modulus: key.n,
      deviceShare: other.deviceShare,
      encodedMessage,
      expected,
      modExp: openssl,
    });
    expect(completeSignature({ ...input, partialSignature: stale })).toEqual({
      ok: false,
      reason: 'PIN_OR_SHARE_MISMATCH',
    });
    const forged = bigintToBytes(bytesToBigint(y) ^ 1n, k);
    expect(completeSignature({ ...input, partialSignature: forged })).toEqual({
      ok: false,
      reason: 'PIN_OR_SHARE_MISMATCH',
    });
    expect(completeSignature({ ...input, partialSignature: bigintToBytes(1n, k) })).toEqual({
      ok: false,
      reason: 'PIN_OR_SHARE_MISMATCH',
    });
  });

  it('refuses y of the wrong length, zero or not below n with INVALID_PARTIAL_SIGNATURE', () => {
    const bad = [
      y.subarray(1),
      new Uint8Array([0, ...y]),
      new Uint8Array(k),
      bigintToBytes(key.n, k),
      bigintToBytes(key.n + 5n, k),
      new Uint8Array(k).fill(0xff),
    ];
    for (const partialSignature of bad) {
      expect(errorCodeOf(() => completeSignature({ ...input, partialSignature }))).toBe(
        'INVALID_PARTIAL_SIGNATURE',
      );
    }
    expect(
      errorCodeOf(() => completeSignature({ ...input, partialSignature: 'y' as unknown as Uint8Array })),
    ).toBe('INVALID_PARTIAL_SIGNATURE');
  });

  it('refuses a malformed key, share or EM with INVALID_ARGUMENT and never calls the backend', () => {
    let calls = 0;
    const spy: ModExp = {
      name: 'spy',
      bind: (n, x) => {
        calls++;
        return bigintModExp.bind(n, x);
      },
    };
    const cases = [
      { encodedMessage: encodedMessage.subarray(1) },
      { encodedMessage: bigintToBytes(key.n, k) },
      { modulus: key.n + 1n },
      { publicExponent: 2n },
      { serverShare: -1n },
    ];
    for (const change of cases) {
      expect(errorCodeOf(() => completeSignature({ ...input, ...change, modExp: spy }))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    expect(calls).toBe(0);
  });
});
