import { constants, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { encodeEmsaPss } from './encode-emsa-pss.js';
import { encodeMessage, type SignatureEncoding } from './encode-message.js';
import { type HashAlgorithm, hashAlgorithms, hashMessage } from './hash-algorithms.js';
import { powModPublic } from './integer-math.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey, nodeHashName } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';
import { verifyEmsaPss } from './verify-emsa-pss.js';
import { type ExpectedEncoding, verifyEncodedMessage } from './verify-encoded-message.js';

const key = loadFixedKey();
const all = Object.keys(hashAlgorithms) as HashAlgorithm[];
const random = seededRandom('encode-message.test');
const message = new TextEncoder().encode('Sign this: Tessera encoding test');
const pssOptions = (algorithm: HashAlgorithm) => ({
  key: key.publicKey,
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength: hashAlgorithms[algorithm].outputLength,
});

function pssMessage(algorithm: HashAlgorithm, modulusBits = key.bits) {
  const digest = hashMessage(algorithm, message);
  const salt = random(hashAlgorithms[algorithm].outputLength);
  const em = encodeMessage({ encoding: 'pss', algorithm, digest, modulusBits, salt });
  return { digest, salt, em };
}

function flip(bytes: Uint8Array, index: number, bit = 0x01): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= bit;
  return copy;
}

describe('EMSA-PSS', () => {
  it.each(all)('a %s PSS encoding signed with the full key verifies with node:crypto', (algorithm) => {
    const { em } = pssMessage(algorithm);
    const signature = bigintToBytes(bigintModExp.bind(key.n, key.d).pow(bytesToBigint(em)), key.bits / 8);
    expect(verify(nodeHashName(algorithm), message, pssOptions(algorithm), signature)).toBe(true);
    expect(verify(nodeHashName(algorithm), flip(message, 0), pssOptions(algorithm), signature)).toBe(false);
  });

  it.each(all)('a %s PSS signature made by node:crypto passes EMSA-PSS-VERIFY', (algorithm) => {
    const signature = sign(nodeHashName(algorithm), message, {
      ...pssOptions(algorithm),
      key: key.privateKey,
    });
    const em = bigintToBytes(powModPublic(bytesToBigint(signature), key.e, key.n), key.bits / 8);
    const digest = hashMessage(algorithm, message);
    const expected = { encoding: 'pss' as const, algorithm, digest };
    expect(() => verifyEncodedMessage({ encodedMessage: em, modulusBits: key.bits, expected })).not.toThrow();
  });

  it('refuses with ENCODING_MISMATCH an EM for another digest, hash, salt length, trailer or top bits', () => {
    const { digest, em } = pssMessage('SHA-256');
    const check = (
      encodedMessage: Uint8Array,
      expected: ExpectedEncoding = { encoding: 'pss', algorithm: 'SHA-256', digest },
    ) => errorCodeOf(() => verifyEncodedMessage({ encodedMessage, modulusBits: key.bits, expected }));
    expect(check(em)).toBeUndefined();
    expect(check(em, { encoding: 'pss', algorithm: 'SHA-256', digest: flip(digest, 31) })).toBe(
      'ENCODING_MISMATCH',
    );
    expect(check(em, { encoding: 'pss', algorithm: 'SHA3-256', digest })).toBe('ENCODING_MISMATCH');
    expect(check(em, { encoding: 'pkcs1-v1_5', algorithm: 'SHA-256', digest })).toBe('ENCODING_MISMATCH');
    expect(check(flip(em, em.length - 1))).toBe('ENCODING_MISMATCH'); // trailer 0xbc
    expect(check(flip(em, 0, 0x80))).toBe('ENCODING_MISMATCH'); // the bit above emBits
    expect(check(flip(em, 100))).toBe('ENCODING_MISMATCH'); // inside maskedDB
    expect(check(flip(em, em.length - 2))).toBe('ENCODING_MISMATCH'); // inside H
    expect(check(em.subarray(1))).toBe('ENCODING_MISMATCH'); // wrong length
    const shortSalt = encodeEmsaPss({
      digest,
      algorithm: 'SHA-256',
      emBits: key.bits - 1,
      salt: new Uint8Array(20),
    });
    expect(check(shortSalt)).toBe('ENCODING_MISMATCH');
    expect(
      errorCodeOf(() =>
        verifyEmsaPss({
          encodedMessage: shortSalt,
          digest,
          algorithm: 'SHA-256',
          emBits: key.bits - 1,
          saltLength: 20,
        }),
      ),
    ).toBeUndefined();
  });

  it('pads a PSS encoding for a modulus of 8k+1 bits to the modulus length and refuses a non-zero first byte', () => {
    const { digest, em } = pssMessage('SHA-512', 2049);
    expect(em.length).toBe(257);
    expect(em[0]).toBe(0);
    const expected = { encoding: 'pss' as const, algorithm: 'SHA-512' as const, digest };
    expect(
      errorCodeOf(() => verifyEncodedMessage({ encodedMessage: em, modulusBits: 2049, expected })),
    ).toBeUndefined();
    expect(
      errorCodeOf(() => verifyEncodedMessage({ encodedMessage: flip(em, 0), modulusBits: 2049, expected })),
    ).toBe('ENCODING_MISMATCH');
  });

  it('refuses a wrong digest or salt length with INVALID_ARGUMENT', () => {
    const digest = hashMessage('SHA-384', message);
    const input = { encoding: 'pss' as const, algorithm: 'SHA-384' as const, modulusBits: key.bits };
    expect(errorCodeOf(() => encodeMessage({ ...input, digest, salt: new Uint8Array(32) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      errorCodeOf(() => encodeMessage({ ...input, digest: digest.subarray(1), salt: new Uint8Array(48) })),
    ).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => encodeMessage({ ...input, digest }))).toBe('INVALID_ARGUMENT');
    expect(
      errorCodeOf(() =>
        encodeMessage({ ...input, digest, salt: new Uint8Array(48), modulusBits: 8 * 48 + 8 }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});

describe('EMSA-PKCS1-v1_5', () => {
  it.each(all)('a %s encoding signed with the full key equals the node:crypto signature', (algorithm) => {
    const digest = hashMessage(algorithm, message);
    const em = encodeMessage({ encoding: 'pkcs1-v1_5', algorithm, digest, modulusBits: key.bits });
    const signature = bigintToBytes(bigintModExp.bind(key.n, key.d).pow(bytesToBigint(em)), key.bits / 8);
    expect(Buffer.from(signature).equals(sign(nodeHashName(algorithm), message, key.privateKey))).toBe(true);
  });

  it('refuses with ENCODING_MISMATCH an EM for another digest, another hash of the same length or one changed byte', () => {
    const digest = hashMessage('SHA-256', message);
    const em = encodeMessage({ encoding: 'pkcs1-v1_5', algorithm: 'SHA-256', digest, modulusBits: key.bits });
    const check = (
      encodedMessage: Uint8Array,
      algorithm: HashAlgorithm = 'SHA-256',
      d = digest,
      encoding: SignatureEncoding = 'pkcs1-v1_5',
    ) =>
      errorCodeOf(() =>
        verifyEncodedMessage({
          encodedMessage,
          modulusBits: key.bits,
          expected: { encoding, algorithm, digest: d },
        }),
      );
    expect(check(em)).toBeUndefined();
    expect(check(em, 'SHA-256', flip(digest, 0))).toBe('ENCODING_MISMATCH');
    expect(check(em, 'SHA3-256')).toBe('ENCODING_MISMATCH');
    expect(check(em, 'SHA-256', digest, 'pss')).toBe('ENCODING_MISMATCH');
    for (const index of [0, 1, 2, 200, em.length - 52, em.length - 33, em.length - 1]) {
      expect(check(flip(em, index))).toBe('ENCODING_MISMATCH');
    }
    expect(check(em.subarray(1))).toBe('ENCODING_MISMATCH');
  });

  it('refuses malformed requests with typed errors', () => {
    const digest = hashMessage('SHA-512', message);
    const base = {
      encoding: 'pkcs1-v1_5' as const,
      algorithm: 'SHA-512' as const,
      digest,
      modulusBits: key.bits,
    };
    expect(errorCodeOf(() => encodeMessage({ ...base, digest: digest.subarray(2) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => encodeMessage({ ...base, salt: new Uint8Array(64) }))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => encodeMessage({ ...base, modulusBits: 8 * (19 + 64 + 10) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => encodeMessage({ ...base, algorithm: 'SHA-1' as HashAlgorithm }))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    expect(errorCodeOf(() => encodeMessage({ ...base, encoding: 'raw' as SignatureEncoding }))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    const expected = { encoding: 'oaep' as SignatureEncoding, algorithm: 'SHA-512' as const, digest };
    const em = encodeMessage(base);
    expect(
      errorCodeOf(() => verifyEncodedMessage({ encodedMessage: em, modulusBits: key.bits, expected })),
    ).toBe('UNSUPPORTED_ALGORITHM');
  });
});
