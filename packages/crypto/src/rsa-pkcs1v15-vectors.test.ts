/**
 * Published PKCS#1 v1.5 signature-generation vectors with known private keys: every private exponent is
 * split three ways and the two-party signature must equal the published one byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { bitLength } from './bytes.js';
import { completeSignature } from './complete-signature.js';
import { encodeMessage } from './encode-message.js';
import type { HashAlgorithm } from './hash-algorithms.js';
import { hashMessage } from './hash-algorithms.js';
import { deviceShareBits } from './key-profiles.js';
import type { ModExp } from './mod-exp.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { recoverPrimeFactors } from './recover-prime-factors.js';
import { signPartially } from './sign-partially.js';
import { carmichaelLambda, type ExponentShares, splitPrivateExponent } from './split-private-exponent.js';
import { fromHex, readVectorFile, toHex } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

interface VectorFile {
  source: string;
  keys: {
    id: string;
    modulusBits: number;
    hash: HashAlgorithm;
    n: string;
    e: string;
    d: string;
    vectors: { tcId: number; msg: string; sig: string }[];
  }[];
}

const file = readVectorFile<VectorFile>('rsa-pkcs1v15-siggen.json');
const openssl = createOpensslModExp();

/**
 * Three splits per key, each with its own seed. Every split runs with a different pairing of backends for the
 * device and the server half, so for every vector each backend computes each half at least once (and the
 * backends are shown to interoperate). BigInt runs once per half per vector to keep the suite fast.
 */
const pairings: [device: ModExp, server: ModExp][] = [
  [bigintModExp, openssl],
  [openssl, bigintModExp],
  [openssl, openssl],
];

describe('published RSA PKCS#1 v1.5 signature-generation vectors (Project Wycheproof)', () => {
  it('has a provenance note and at least 20 vectors at 2048 and 3072 bits', () => {
    expect(file.source).toMatch(/Wycheproof.*github\.com\/C2SP\/wycheproof/s);
    const count = (bits: number) =>
      file.keys.filter((k) => k.modulusBits === bits).reduce((sum, k) => sum + k.vectors.length, 0);
    expect(count(2048)).toBeGreaterThanOrEqual(10);
    expect(count(3072)).toBeGreaterThanOrEqual(10);
    expect(count(2048) + count(3072)).toBeGreaterThanOrEqual(20);
  });

  describe.each(file.keys)('key $id', (key) => {
    const n = BigInt(`0x${key.n}`);
    const e = BigInt(`0x${key.e}`);
    const d = BigInt(`0x${key.d}`);
    const { p, q } = recoverPrimeFactors(n, e, d);
    const lambda = carmichaelLambda(p, q);
    const splits: ExponentShares[] = [0, 1, 2].map((i) =>
      splitPrivateExponent(
        { modulus: n, privateExponent: d, primes: [p, q] },
        seededRandom(`${key.id}/split-${i}`),
      ),
    );

    it('recovers the primes from (n, e, d) and splits d into shares that add up to d mod λ(n)', () => {
      expect(bitLength(n)).toBe(key.modulusBits);
      expect(p * q).toBe(n);
      expect(p < q && p > 1n).toBe(true);
      for (const { deviceShare, deviceShareBits: bits, serverShare } of splits) {
        expect(bits).toBe(deviceShareBits(key.modulusBits));
        expect(deviceShare >= 0n && deviceShare < 1n << BigInt(bits)).toBe(true);
        expect(serverShare >= 0n && serverShare < lambda).toBe(true);
        expect((deviceShare + serverShare - d) % lambda).toBe(0n);
      }
      expect(new Set(splits.map((s) => s.deviceShare)).size).toBe(3);
    });

    it.each(key.vectors)(
      'tcId $tcId: the two-party signature equals the published one for all three splits',
      (vector) => {
        const digest = hashMessage(key.hash, fromHex(vector.msg));
        const encodedMessage = encodeMessage({
          encoding: 'pkcs1-v1_5',
          algorithm: key.hash,
          digest,
          modulusBits: key.modulusBits,
        });
        for (const [i, { deviceShare, serverShare }] of splits.entries()) {
          const [deviceBackend, serverBackend] = pairings[i]!;
          const partialSignature = signPartially({
            modulus: n,
            deviceShare,
            encodedMessage,
            expected: { encoding: 'pkcs1-v1_5', algorithm: key.hash, digest },
            modExp: deviceBackend,
          });
          const result = completeSignature({
            modulus: n,
            publicExponent: e,
            serverShare,
            encodedMessage,
            partialSignature,
            modExp: serverBackend,
          });
          expect(result.ok).toBe(true);
          expect(result.ok && toHex(result.signature)).toBe(vector.sig);
        }
      },
    );
  });
});
