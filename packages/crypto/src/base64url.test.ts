import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { errorCodeOf } from './test-support/error-code.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes the RFC 4648 test string "%s" as %s without padding and decodes it back', (text, encoded) => {
    expect(encodeBase64url(utf8(text))).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase64url(encoded))).toBe(text);
  });

  it('uses - and _ where base64 uses + and /', () => {
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect([...decodeBase64url('-_-_')]).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('round-trips every byte value at every length up to 3 bytes past a block', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 250; n <= 256; n++) {
      expect([...decodeBase64url(encodeBase64url(all.subarray(0, n)))]).toEqual([...all.subarray(0, n)]);
    }
  });

  it.each([
    ['padding', 'Zg=='],
    ['a standard base64 character', 'Zm+v'],
    ['whitespace', 'Zm9 v'],
    ['an impossible length', 'Zm9vY'],
    ['non-zero trailing bits', 'Zh'],
  ])('refuses text with %s', (_, text) => {
    expect(errorCodeOf(() => decodeBase64url(text))).toBe('INVALID_ARGUMENT');
  });
});
