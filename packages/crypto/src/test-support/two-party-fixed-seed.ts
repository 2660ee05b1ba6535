/**
 * The project's own fixed-seed two-party vectors: one enrolment (split, mask) and one signature per encoding
 * and hash with the fixed 2048-bit test key, every random byte drawn from `seededRandom(SEED)` in this order:
 * the device share (ceil(L/8) bytes), the mask salt (32 bytes), then each PSS salt (hash length). Used by
 * `vectors/generate-two-party-fixed-seed.ts` to write the vector file and by the test to recompute it.
 */
import { completeSignature } from '../complete-signature.js';
import { encodeMessage, type SignatureEncoding } from '../encode-message.js';
import { type HashAlgorithm, hashAlgorithms, hashMessage } from '../hash-algorithms.js';
import { maskDeviceShare } from '../mask-device-share.js';
import type { ModExp } from '../mod-exp.js';
import { signPartiallyWithPin } from '../sign-partially.js';
import { splitPrivateExponent } from '../split-private-exponent.js';
import { loadFixedKey, toHex } from './fixtures.js';
import { seededRandom } from './seeded-random.js';

export const SEED = 'tessera/two-party-fixed-seed/v1';
export const KEY_ID = 'fixed-seed-key-1';
export const PIN = '27182';

export const CASES: readonly [SignatureEncoding, HashAlgorithm][] = [
  ['pkcs1-v1_5', 'SHA-256'],
  ['pkcs1-v1_5', 'SHA-512'],
  ['pss', 'SHA-256'],
  ['pss', 'SHA-384'],
  ['pss', 'SHA-512'],
  ['pss', 'SHA3-256'],
  ['pss', 'SHA3-384'],
  ['pss', 'SHA3-512'],
];

/** One signature case of the vector file; byte strings in hex. */
export interface FixedSeedCase {
  encoding: SignatureEncoding;
  algorithm: HashAlgorithm;
  /** UTF-8 text that was hashed. */
  message: string;
  digest: string;
  /** PSS salt, or null for PKCS#1 v1.5. */
  salt: string | null;
  encodedMessage: string;
  partialSignature: string;
  signature: string;
}

/** The content of `vectors/two-party-fixed-seed.json` without its `source`. */
export interface FixedSeedVectors {
  seed: string;
  keyFixture: string;
  keyId: string;
  pin: string;
  deviceShareBits: number;
  deviceShare: string;
  serverShare: string;
  maskSalt: string;
  masked: string;
  cases: FixedSeedCase[];
}

/** Recomputes the whole vector set with `modExp` for both halves. */
export function buildFixedSeedVectors(modExp: ModExp): FixedSeedVectors {
  const key = loadFixedKey();
  const random = seededRandom(SEED);
  const shares = splitPrivateExponent(
    { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
    random,
  );
  const maskedShare = maskDeviceShare({
    deviceShare: shares.deviceShare,
    bits: shares.deviceShareBits,
    pin: PIN,
    keyId: KEY_ID,
    random,
  });
  const cases = CASES.map(([encoding, algorithm], i): FixedSeedCase => {
    const message = `Tessera fixed-seed vector ${i + 1}: ${encoding} with ${algorithm}`;
    const digest = hashMessage(algorithm, new TextEncoder().encode(message));
    const salt = encoding === 'pss' ? random(hashAlgorithms[algorithm].outputLength) : undefined;
    const encodedMessage = encodeMessage({ encoding, algorithm, digest, modulusBits: key.bits, salt });
    const partialSignature = signPartiallyWithPin({
      modulus: key.n,
      maskedShare,
      pin: PIN,
      encodedMessage,
      expected: { encoding, algorithm, digest },
      modExp,
    });
    const result = completeSignature({
      modulus: key.n,
      publicExponent: key.e,
      serverShare: shares.serverShare,
      encodedMessage,
      partialSignature,
      modExp,
    });
    if (!result.ok) throw new Error(`Case ${i + 1} did not complete.`);
    return {
      encoding,
      algorithm,
      message,
      digest: toHex(digest),
      salt: salt === undefined ? null : toHex(salt),
      encodedMessage: toHex(encodedMessage),
      partialSignature: toHex(partialSignature),
      signature: toHex(result.signature),
    };
  });
  return {
    seed: SEED,
    keyFixture: 'fixed-key-2048.json',
    keyId: KEY_ID,
    pin: PIN,
    deviceShareBits: shares.deviceShareBits,
    deviceShare: shares.deviceShare.toString(16),
    serverShare: shares.serverShare.toString(16),
    maskSalt: toHex(maskedShare.salt),
    masked: toHex(maskedShare.masked),
    cases,
  };
}
