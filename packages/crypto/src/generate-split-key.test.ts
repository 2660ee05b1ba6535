import { constants, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.js';
import { bigintToBytes, bitLength } from './bytes.js';
import { completeSignature } from './complete-signature.js';
import { CryptoError } from './crypto-error.js';
import { encodeMessage } from './encode-message.js';
import { generateSplitKey, type SplitKey } from './generate-split-key.js';
import { hashMessage } from './hash-algorithms.js';
import { byteLengthOf } from './integer-math.js';
import type { KeyProfile } from './key-profiles.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { systemRandom } from './random.js';
import { signPartially } from './sign-partially.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const openssl = createOpensslModExp();
const fixed = loadFixedKey();

/** A WebCrypto stand-in that hands out the fixed key (or a doctored copy) and records what it was asked. */
function fakeSubtle(jwk: JsonWebKey) {
  const calls: unknown[][] = [];
  const subtle = {
    generateKey: async (...args: unknown[]) => {
      calls.push(args);
      return { privateKey: 'private', publicKey: 'public' };
    },
    exportKey: async (format: string, handle: unknown) => {
      expect([format, handle]).toEqual(['jwk', 'private']);
      return jwk;
    },
  } as unknown as SubtleCrypto;
  return { subtle, calls };
}

/** Signs with both halves and checks the result as any verifier would: with node:crypto and the public key. */
function signsVerifiably(key: SplitKey): boolean {
  const { modulus, publicExponent } = key.publicKey;
  const message = new TextEncoder().encode('proof of possession');
  const digest = hashMessage('SHA-256', message);
  const salt = seededRandom('pop')(32);
  const expected = { encoding: 'pss' as const, algorithm: 'SHA-256' as const, digest };
  const encodedMessage = encodeMessage({ ...expected, modulusBits: bitLength(modulus), salt });
  const partialSignature = signPartially({
    modulus,
    deviceShare: key.deviceShare,
    encodedMessage,
    expected,
    modExp: openssl,
  });
  const result = completeSignature({
    modulus,
    publicExponent,
    serverShare: key.serverShare,
    encodedMessage,
    partialSignature,
    modExp: openssl,
  });
  if (!result.ok) return false;
  const b64 = (x: bigint) => encodeBase64url(bigintToBytes(x, byteLengthOf(x)));
  const publicKey = createPublicKey({
    key: { kty: 'RSA', n: b64(modulus), e: b64(publicExponent) },
    format: 'jwk',
  });
  return verify(
    'sha256',
    message,
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    result.signature,
  );
}

describe('generating a split key on the device', () => {
  it('generates a 3072-bit key with e = 65537 by default, splits it, and the halves sign verifiably', async () => {
    const key = await generateSplitKey({ random: systemRandom });
    expect(key.profile).toBe('production-3072');
    expect(bitLength(key.publicKey.modulus)).toBe(3072);
    expect(key.publicKey.publicExponent).toBe(65537n);
    expect(key.deviceShareBits).toBe(3200);
    expect(key.deviceShare >> 3200n).toBe(0n);
    expect(Object.keys(key).sort()).toEqual([
      'deviceShare',
      'deviceShareBits',
      'profile',
      'publicKey',
      'serverShare',
    ]);
    expect(signsVerifiably(key)).toBe(true);
  });

  it('asks the platform for an extractable RSA key of the profile’s size and e = 65537', async () => {
    const { subtle, calls } = fakeSubtle(fixed.jwk);
    const key = await generateSplitKey({ profile: 'test-2048', random: seededRandom('gen/fake'), subtle });
    const [algorithm, extractable] = calls[0] as [RsaHashedKeyGenParams, boolean];
    expect(algorithm.modulusLength).toBe(2048);
    expect([...(algorithm.publicExponent as Uint8Array)]).toEqual([1, 0, 1]);
    expect(extractable).toBe(true);
    expect(key.publicKey).toEqual({ modulus: fixed.n, publicExponent: 65537n });
    expect(signsVerifiably(key)).toBe(true);
  });

  it('refuses a platform key of the wrong size, exponent or consistency, and unknown profiles', async () => {
    const random = seededRandom('gen/bad');
    const code = async (jwk: JsonWebKey, profile: KeyProfile = 'test-2048') => {
      try {
        await generateSplitKey({ profile, random, subtle: fakeSubtle(jwk).subtle });
        return undefined;
      } catch (error) {
        return error instanceof CryptoError ? error.code : String(error);
      }
    };
    expect(await code(fixed.jwk, 'production-3072')).toBe('INVALID_ARGUMENT');
    expect(await code({ ...fixed.jwk, e: 'Aw' })).toBe('INVALID_ARGUMENT');
    expect(await code({ ...fixed.jwk, d: fixed.jwk.dp! })).toBe('INVALID_ARGUMENT');
    expect(await code({ ...fixed.jwk, q: fixed.jwk.p! })).toBe('INVALID_ARGUMENT');
    expect(await code({ ...fixed.jwk, d: undefined })).toBe('INVALID_ARGUMENT');
    expect(await code(fixed.jwk, 'test-1024' as KeyProfile)).toBe('UNSUPPORTED_ALGORITHM');
  });
});
