import { describe, expect, it } from 'vitest';
import { generateVerificationCode } from './generate-verification-code.js';
import { generateVerificationCodeChoice } from './generate-verification-code-choice.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { replayRandom, seededRandom } from './test-support/seeded-random.js';

describe('generateVerificationCodeChoice', () => {
  it('always offers three distinct codes with the right one exactly once', () => {
    const random = seededRandom('vc-choice');
    for (let i = 0; i < 1000; i++) {
      const correct = generateVerificationCode(random);
      const codes = generateVerificationCodeChoice(correct, random);
      expect(codes).toHaveLength(3);
      expect(new Set(codes).size).toBe(3);
      expect(codes.filter((c) => c === correct)).toHaveLength(1);
      for (const c of codes) expect(c).toMatch(/^[0-9]{4}$/);
    }
  });

  it('puts the right code in every position, about equally often', () => {
    const random = seededRandom('vc-position');
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[generateVerificationCodeChoice('7180', random).indexOf('7180')]!++;
    for (const n of counts) expect(n).toBeGreaterThan(850);
  });

  it('draws new decoys when the source repeats the right code or a decoy', () => {
    // 0x1C0C = 7180 (the right code) twice, then 0001 twice, then 0002, then slot 0.
    const random = replayRandom([0x1c, 0x0c, 0x1c, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00]);
    const codes = generateVerificationCodeChoice('7180', random);
    expect([...codes].sort()).toEqual(['0001', '0002', '7180']);
  });

  it('refuses a malformed right code and a source that never yields a usable decoy', () => {
    expectProtocolError(() => generateVerificationCodeChoice('718', seededRandom('x')), 'INVALID_ARGUMENT');
    expectProtocolError(
      () => generateVerificationCodeChoice('0000', replayRandom([0])),
      'RANDOM_SOURCE_FAILURE',
    );
    expectProtocolError(
      () => generateVerificationCodeChoice('1234', replayRandom([0xff])),
      'RANDOM_SOURCE_FAILURE',
    );
  });
});

describe('generateVerificationCode', () => {
  it('gives four digits, uniformly enough to hit every leading digit', () => {
    const random = seededRandom('vc');
    const leading = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = generateVerificationCode(random);
      expect(code).toMatch(/^[0-9]{4}$/);
      leading.add(code[0]!);
    }
    expect(leading.size).toBe(10);
  });

  it('refuses a source that returns the wrong number of bytes', () => {
    expectProtocolError(() => generateVerificationCode(() => new Uint8Array(1)), 'RANDOM_SOURCE_FAILURE');
  });
});
