import { createHash, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { encodeEmsaPkcs1v15 } from './encode-emsa-pkcs1v15.js';
import { getHashAlgorithm, type HashAlgorithm, hashAlgorithms, hashMessage } from './hash-algorithms.js';
import { powModPublic } from './integer-math.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey, nodeHashName, toHex } from './test-support/fixtures.js';

const all = Object.keys(hashAlgorithms) as HashAlgorithm[];
const message = new TextEncoder().encode('Tessera hash table check');

describe('the hash algorithm table', () => {
  it('lists exactly the six wire algorithms with their output lengths', () => {
    expect(all).toEqual(['SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512']);
    expect(all.map((a) => hashAlgorithms[a].outputLength)).toEqual([32, 48, 64, 32, 48, 64]);
  });

  it.each(all)('computes %s exactly as node:crypto does', (algorithm) => {
    for (const data of [new Uint8Array(0), message, new Uint8Array(1000).fill(0x61)]) {
      const expected = createHash(nodeHashName(algorithm)).update(data).digest('hex');
      expect(toHex(hashMessage(algorithm, data))).toBe(expected);
    }
  });

  it.each(all)('has the %s DigestInfo prefix that OpenSSL puts into PKCS#1 v1.5 signatures', (algorithm) => {
    const key = loadFixedKey();
    const signature = sign(nodeHashName(algorithm), message, key.privateKey);
    const em = bigintToBytes(powModPublic(bytesToBigint(signature), key.e, key.n), key.bits / 8);
    expect(toHex(encodeEmsaPkcs1v15(hashMessage(algorithm, message), algorithm, key.bits / 8))).toBe(
      toHex(em),
    );
  });

  it('refuses unknown names, other spellings and inherited properties with UNSUPPORTED_ALGORITHM', () => {
    for (const name of ['sha256', 'SHA256', 'SHA-1', 'SHA-224', 'SHA3-224', '__proto__', 'toString', '']) {
      expect(errorCodeOf(() => getHashAlgorithm(name))).toBe('UNSUPPORTED_ALGORITHM');
    }
  });

  it('cannot be changed through the values it hands out', () => {
    const entry = getHashAlgorithm('SHA-256');
    entry.digestInfoPrefix.fill(0);
    expect(toHex(entry.digestInfoPrefix)).toBe('3031300d060960864801650304020105000420');
    expect(Object.isFrozen(hashAlgorithms) && Object.isFrozen(entry)).toBe(true);
  });
});
