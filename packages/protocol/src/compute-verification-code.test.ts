import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import vectors from '../vectors/verification-codes.json' with { type: 'json' };
import { encodeBase64 } from './base64.js';
import { computeAuthenticationVerificationCode } from './compute-authentication-verification-code.js';
import { computeV2VerificationCode } from './compute-v2-verification-code.js';
import { computeVerificationCode } from './compute-verification-code.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

function v2Hash(row: (typeof vectors.v2)[number]): Uint8Array {
  if ('hashHex' in row && row.hashHex !== undefined) {
    return Uint8Array.from(row.hashHex.match(/../g)!, (b) => Number.parseInt(b, 16));
  }
  return sha256(new TextEncoder().encode(row.hashOfUtf8));
}

describe('verification codes (spec §5.1)', () => {
  it('has provenance', () => {
    expect(vectors.source).toMatch(/§5\.1/);
  });

  it.each(vectors.authentication)('gives $verificationCode for the documented rpChallenge', (row) => {
    expect(computeAuthenticationVerificationCode(row.rpChallenge)).toBe(row.verificationCode);
  });

  it.each(vectors.v2)('gives $verificationCode for $description (v2)', (row) => {
    const hash = v2Hash(row);
    expect(computeVerificationCode(hash)).toBe(row.verificationCode);
    expect(computeV2VerificationCode(encodeBase64(hash))).toBe(row.verificationCode);
  });

  it('always gives four digits, zero-padded', () => {
    for (let i = 0; i < 200; i++) expect(computeVerificationCode(Uint8Array.of(i))).toMatch(/^[0-9]{4}$/);
  });

  it('refuses an rpChallenge or hash that is not standard Base64', () => {
    expectProtocolError(() => computeAuthenticationVerificationCode('GYS-yoah'), 'INVALID_ARGUMENT');
    expectProtocolError(() => computeV2VerificationCode('abc'), 'INVALID_ARGUMENT');
  });
});
