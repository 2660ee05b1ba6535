import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64.js';
import { seededRandom } from './test-support/seeded-random.js';

describe('wire Base64', () => {
  it('follows RFC 4648 test vectors, padded and URL-safe', () => {
    const cases = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'];
    const padded = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
    cases.forEach((text, i) => {
      const bytes = new TextEncoder().encode(text);
      expect(encodeBase64(bytes)).toBe(padded[i]);
      expect(encodeBase64Url(bytes)).toBe(padded[i]!.replace(/=+$/, ''));
      expect(decodeBase64(padded[i]!)).toEqual(bytes);
    });
  });

  it('round-trips random bytes of every length up to 70', () => {
    const random = seededRandom('b64');
    for (let n = 0; n <= 70; n++) {
      const bytes = random(n);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
  });

  it.each(['Zg', 'Zg=', 'Zh==', 'Z===', 'Zm9v\n', ' Zm9v', 'Zm-v', 'Zm9v===='])(
    'refuses non-canonical Base64 %j',
    (text) => {
      expect(decodeBase64(text)).toBeUndefined();
    },
  );

  it.each(['Zg==', 'Zh', 'Z', 'Zm+v', 'Zm9v '])('refuses non-canonical Base64URL %j', (text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });
});
