import { assertPinFormat } from './assert-pin-format.js';
import { bigintToBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { derivePinMask } from './derive-pin-mask.js';
import type { RandomSource } from './random.js';

/** HKDF output is limited to 255 SHA-256 blocks; 4096-bit keys need 4224 bits. */
const MAX_SHARE_BITS = 255 * 32 * 8;
const SALT_LENGTH = 32;

/**
 * The device's stored share: `masked = d_dev XOR mask(PIN, salt, keyId)`, exactly `bits` bits in
 * `ceil(bits/8)` big-endian bytes with the excess top bits zero. Plain data with no checksum, no MAC and
 * nothing that depends on the PIN's length: every PIN unmasks it to an equally plausible share (rule 1).
 */
export interface MaskedShare {
  readonly version: 1;
  readonly keyId: string;
  /** L, the device share length in bits. */
  readonly bits: number;
  /** 32 random bytes, fresh per masking. */
  readonly salt: Uint8Array;
  readonly masked: Uint8Array;
}

/** Input of `maskDeviceShare`. */
export interface MaskDeviceShareInput {
  /** d_dev, in `[0, 2^bits)`: never reduced mod λ or n beforehand. */
  deviceShare: bigint;
  bits: number;
  pin: string;
  /** Binds the mask to one key, so one PIN never yields the same mask for two keys. */
  keyId: string;
  random: RandomSource;
}

/**
 * Masks the device share under the PIN with a fresh 32-byte salt. Throws CryptoError('INVALID_PIN_FORMAT')
 * for a PIN that is not digits and 'INVALID_ARGUMENT' for a share outside `[0, 2^bits)`.
 */
export function maskDeviceShare({
  deviceShare,
  bits,
  pin,
  keyId,
  random,
}: MaskDeviceShareInput): MaskedShare {
  assertPinFormat(pin);
  if (!Number.isSafeInteger(bits) || bits < 1 || bits > MAX_SHARE_BITS) {
    throw new CryptoError('INVALID_ARGUMENT', `The share length must be 1 to ${MAX_SHARE_BITS} bits.`);
  }
  if (typeof keyId !== 'string' || keyId === '') {
    throw new CryptoError('INVALID_ARGUMENT', 'The key id must be a non-empty string.');
  }
  if (typeof deviceShare !== 'bigint' || deviceShare < 0n || deviceShare >> BigInt(bits) !== 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The device share must be an integer in [0, 2^bits).');
  }
  const salt = random(SALT_LENGTH);
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_LENGTH) {
    throw new CryptoError('INVALID_ARGUMENT', 'The random source returned the wrong number of bytes.');
  }
  const masked = bigintToBytes(deviceShare, Math.ceil(bits / 8));
  const mask = derivePinMask(pin, salt, keyId, bits);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= mask[i]!;
  mask.fill(0);
  return Object.freeze({ version: 1, keyId, bits, salt: salt.slice(), masked });
}
