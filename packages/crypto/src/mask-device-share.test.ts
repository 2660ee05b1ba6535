import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertPinFormat } from './assert-pin-format.js';
import { bytesToBigint, concatBytes } from './bytes.js';
import { derivePinMask } from './derive-pin-mask.js';
import { deviceShareBits } from './key-profiles.js';
import { type MaskedShare, maskDeviceShare } from './mask-device-share.js';
import { splitPrivateExponent } from './split-private-exponent.js';
import { errorCodeOf } from './test-support/error-code.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';
import { unmaskDeviceShare } from './unmask-device-share.js';

const key = loadFixedKey();
const L = deviceShareBits(key.bits);
const PIN = '48151';

function enrol(seed: string, pin = PIN) {
  const random = seededRandom(seed);
  const shares = splitPrivateExponent(
    { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
    random,
  );
  const masked = maskDeviceShare({ deviceShare: shares.deviceShare, bits: L, pin, keyId: 'key-1', random });
  return { shares, masked };
}

describe('PIN masking of the device share', () => {
  it('unmasks to the device share under the right PIN', () => {
    const { shares, masked } = enrol('mask/roundtrip');
    expect(unmaskDeviceShare(masked, PIN)).toBe(shares.deviceShare);
  });

  it('stores exactly L bits in ceil(L/8) bytes with a fresh 32-byte salt and nothing else', () => {
    const { shares, masked } = enrol('mask/shape');
    expect(Object.keys(masked).sort()).toEqual(['bits', 'keyId', 'masked', 'salt', 'version']);
    expect(masked.version).toBe(1);
    expect(masked.bits).toBe(L);
    expect(masked.masked.length).toBe(Math.ceil(L / 8));
    expect(masked.salt.length).toBe(32);
    const again = maskDeviceShare({
      deviceShare: shares.deviceShare,
      bits: L,
      pin: PIN,
      keyId: 'key-1',
      random: seededRandom('other'),
    });
    expect(Buffer.from(again.salt).equals(Buffer.from(masked.salt))).toBe(false);
    expect(Buffer.from(again.masked).equals(Buffer.from(masked.masked))).toBe(false);
  });

  it('keeps the excess top bits of the blob zero when L is not a multiple of 8', () => {
    const random = seededRandom('mask/odd-length');
    for (const bits of [2181, 2183, 3201, 9]) {
      for (let i = 0; i < 50; i++) {
        const share = bytesToBigint(random(Math.ceil(bits / 8))) >> BigInt(Math.ceil(bits / 8) * 8 - bits);
        const masked = maskDeviceShare({ deviceShare: share, bits, pin: String(i), keyId: 'k', random });
        const excess = Math.ceil(bits / 8) * 8 - bits; // 1 to 7 for these lengths
        expect(masked.masked.length).toBe(Math.ceil(bits / 8));
        expect(masked.masked[0]! >> (8 - excess)).toBe(0);
        const wrong = unmaskDeviceShare(masked, `${i}9`);
        expect(wrong >> BigInt(bits)).toBe(0n);
        expect(unmaskDeviceShare(masked, String(i))).toBe(share);
      }
    }
  });

  it('rule 1: wrong PINs unmask to L-bit values with no bound below n, spread over the whole range', () => {
    const { shares, masked } = enrol('mask/rule-1');
    const values: bigint[] = [];
    for (let pin = 0; pin < 200; pin++) {
      const candidate = String(pin).padStart(5, '0');
      if (candidate === PIN) continue;
      values.push(unmaskDeviceShare(masked, candidate));
    }
    expect(values).not.toContain(shares.deviceShare);
    for (const v of values) expect(v >> BigInt(L)).toBe(0n);
    // Uniform over [0, 2^L) with L = k + 128: essentially every candidate exceeds n, so "is it below n?" rules
    // out no PIN. The true share is just as unconstrained.
    expect(values.filter((v) => v >= key.n).length).toBeGreaterThan(190);
    const topBit = values.filter((v) => v >> BigInt(L - 1) === 1n).length;
    const secondBit = values.filter((v) => (v >> BigInt(L - 2)) & 1n).length;
    for (const ones of [topBit, secondBit]) {
      expect(ones).toBeGreaterThan(60);
      expect(ones).toBeLessThan(140);
    }
  });

  it('derives the mask with HKDF-SHA-256 exactly as specified, checked against node:crypto', () => {
    const random = seededRandom('mask/hkdf');
    for (const [pin, keyId, bits] of [
      ['0000', 'key-1', 2176],
      ['123456', 'ключ/2', 3200],
      ['9', 'k', 4227],
    ] as const) {
      const salt = random(32);
      const info = concatBytes(
        new TextEncoder().encode('tessera/pin-mask/v1'),
        Uint8Array.of(0),
        new TextEncoder().encode(keyId),
      );
      const expected = new Uint8Array(
        hkdfSync('sha256', new TextEncoder().encode(pin), salt, info, Math.ceil(bits / 8)),
      );
      expected[0]! &= 0xff >>> (expected.length * 8 - bits);
      expect(Buffer.from(derivePinMask(pin, salt, keyId, bits)).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('binds the mask to the key id, so one PIN and salt give different masks for different keys', () => {
    const { shares, masked } = enrol('mask/key-id');
    const renamed: MaskedShare = { ...masked, keyId: 'key-2' };
    expect(unmaskDeviceShare(renamed, PIN)).not.toBe(shares.deviceShare);
  });

  it('accepts any string of digits as a PIN and refuses anything else without echoing it', () => {
    for (const pin of ['0', '0000', '12345', '123456789012'])
      expect(() => assertPinFormat(pin)).not.toThrow();
    for (const pin of ['', '12a45', ' 1234', '1234 ', '١٢٣٤', '12.3', 12345, null, undefined]) {
      expect(errorCodeOf(() => assertPinFormat(pin))).toBe('INVALID_PIN_FORMAT');
    }
    const { masked } = enrol('mask/format');
    try {
      unmaskDeviceShare(masked, '12x45');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('12x45');
    }
    const random = seededRandom('mask/format-2');
    expect(
      errorCodeOf(() => maskDeviceShare({ deviceShare: 1n, bits: L, pin: 'abcd', keyId: 'k', random })),
    ).toBe('INVALID_PIN_FORMAT');
  });

  it('refuses shares outside [0, 2^L) and malformed records with INVALID_ARGUMENT', () => {
    const random = seededRandom('mask/bad');
    const base = { bits: 64, pin: '1234', keyId: 'k', random };
    expect(errorCodeOf(() => maskDeviceShare({ ...base, deviceShare: 1n << 64n }))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => maskDeviceShare({ ...base, deviceShare: -1n }))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => maskDeviceShare({ ...base, deviceShare: 1n, keyId: '' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => maskDeviceShare({ ...base, deviceShare: 1n, bits: 0 }))).toBe(
      'INVALID_ARGUMENT',
    );
    const { masked } = enrol('mask/bad-record');
    const topSet = masked.masked.slice();
    const variants: unknown[] = [
      { ...masked, version: 2 },
      { ...masked, bits: L + 8 },
      { ...masked, salt: masked.salt.subarray(1) },
      { ...masked, masked: masked.masked.subarray(1) },
      { ...masked, keyId: 7 },
      null,
    ];
    const oddBits = maskDeviceShare({ ...base, bits: 61, deviceShare: 5n });
    const oddTop = oddBits.masked.slice();
    oddTop[0]! |= 0x80;
    variants.push({ ...oddBits, masked: oddTop });
    topSet[0]! |= 0x80; // fine: L is a multiple of 8 here, so this one stays well-formed
    expect(errorCodeOf(() => unmaskDeviceShare({ ...masked, masked: topSet }, PIN))).toBeUndefined();
    for (const record of variants) {
      expect(errorCodeOf(() => unmaskDeviceShare(record as MaskedShare, PIN))).toBe('INVALID_ARGUMENT');
    }
  });
});
