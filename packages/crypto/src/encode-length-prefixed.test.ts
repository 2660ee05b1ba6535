import { describe, expect, it } from 'vitest';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { toHex } from './test-support/fixtures.js';

describe('encodeLengthPrefixed', () => {
  it('writes each field as a 4-byte big-endian length and its bytes, strings as UTF-8', () => {
    expect(toHex(encodeLengthPrefixed(['ab', Uint8Array.of(0xff), 'é']))).toBe(
      '00000002616200000001ff00000002c3a9',
    );
  });

  it('encodes fields that concatenate to the same text differently', () => {
    expect(toHex(encodeLengthPrefixed(['ab', 'c']))).not.toBe(toHex(encodeLengthPrefixed(['a', 'bc'])));
    expect(toHex(encodeLengthPrefixed(['a', '']))).not.toBe(toHex(encodeLengthPrefixed(['a'])));
  });

  it('encodes no fields as no bytes', () => {
    expect(encodeLengthPrefixed([]).length).toBe(0);
  });
});
