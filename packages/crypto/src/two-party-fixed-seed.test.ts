import { constants, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigintModExp } from './bigint-mod-exp.js';
import { completeSignature } from './complete-signature.js';
import { hashAlgorithms } from './hash-algorithms.js';
import type { MaskedShare } from './mask-device-share.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { signPartiallyWithPin } from './sign-partially.js';
import { fromHex, loadFixedKey, nodeHashName, readVectorFile } from './test-support/fixtures.js';
import { buildFixedSeedVectors, type FixedSeedVectors } from './test-support/two-party-fixed-seed.js';

const stored = readVectorFile<FixedSeedVectors & { source: string }>('two-party-fixed-seed.json');
const key = loadFixedKey();
const backends = [bigintModExp, createOpensslModExp()];
const maskedShare: MaskedShare = {
  version: 1,
  keyId: stored.keyId,
  bits: stored.deviceShareBits,
  salt: fromHex(stored.maskSalt),
  masked: fromHex(stored.masked),
};

function verifiesWithNode(c: FixedSeedVectors['cases'][number], signature: Uint8Array): boolean {
  const options =
    c.encoding === 'pss'
      ? {
          key: key.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: hashAlgorithms[c.algorithm].outputLength,
        }
      : key.publicKey;
  return verify(nodeHashName(c.algorithm), new TextEncoder().encode(c.message), options, signature);
}

describe('the fixed-seed two-party vectors', () => {
  it('say where they come from and cover both encodings and all six hashes', () => {
    expect(stored.source).toMatch(/generate-two-party-fixed-seed\.ts/);
    expect(new Set(stored.cases.map((c) => c.encoding))).toEqual(new Set(['pkcs1-v1_5', 'pss']));
    expect(new Set(stored.cases.map((c) => c.algorithm)).size).toBe(6);
  });

  it.each(backends)('are recomputed identically from the seed with the $name backend', (modExp) => {
    const { source: _source, ...expected } = stored;
    expect(buildFixedSeedVectors(modExp)).toEqual(expected);
  });

  it('hold signatures that node:crypto verifies, and none verifies for another message', () => {
    for (const c of stored.cases) {
      expect(verifiesWithNode(c, fromHex(c.signature))).toBe(true);
      expect(verifiesWithNode({ ...c, message: `${c.message}.` }, fromHex(c.signature))).toBe(false);
    }
  });

  it.each(backends)(
    'with the $name backend: the right PIN completes, a wrong PIN returns ok: false',
    (modExp) => {
      const serverShare = BigInt(`0x${stored.serverShare}`);
      for (const c of stored.cases.slice(0, 3)) {
        const encodedMessage = fromHex(c.encodedMessage);
        const expected = { encoding: c.encoding, algorithm: c.algorithm, digest: fromHex(c.digest) };
        const attempt = (pin: string) =>
          completeSignature({
            modulus: key.n,
            publicExponent: key.e,
            serverShare,
            encodedMessage,
            partialSignature: signPartiallyWithPin({
              modulus: key.n,
              maskedShare,
              pin,
              encodedMessage,
              expected,
              modExp,
            }),
            modExp,
          });
        const right = attempt(stored.pin);
        expect(right.ok).toBe(true);
        expect(right.ok && verifiesWithNode(c, right.signature)).toBe(true);
        for (const pin of ['27183', '2718', '027182']) {
          expect(attempt(pin)).toEqual({ ok: false, reason: 'PIN_OR_SHARE_MISMATCH' });
        }
      }
    },
  );
});
