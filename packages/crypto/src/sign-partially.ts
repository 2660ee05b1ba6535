import { bigintToBytes, bitLength, bytesToBigint } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { deviceShareBits } from './key-profiles.js';
import type { MaskedShare } from './mask-device-share.js';
import type { ModExp } from './mod-exp.js';
import { unmaskDeviceShare } from './unmask-device-share.js';
import { type ExpectedEncoding, verifyEncodedMessage } from './verify-encoded-message.js';

/** Input of `signPartially`. */
export interface SignPartiallyInput {
  /** The key's modulus n. */
  modulus: bigint;
  /** d_dev. */
  deviceShare: bigint;
  /** EM as received from the server (`ceil(bits(n)/8)` bytes, see `encodeMessage`). */
  encodedMessage: Uint8Array;
  /** What the device displays and therefore expects EM to encode; never read out of EM. */
  expected: ExpectedEncoding;
  /**
   * The backend. Use one that keeps nothing after the call (`bigintModExp`, or an OpenSSL instance with
   * `maxCachedContexts: 0`): a cached context would keep d_dev alive.
   */
  modExp: ModExp;
}

/** Input of `signPartiallyWithPin`: as `signPartially`, with the masked share and the PIN instead of d_dev. */
export interface SignPartiallyWithPinInput extends Omit<SignPartiallyInput, 'deviceShare'> {
  maskedShare: MaskedShare;
  pin: string;
}

function assertOddModulus(modulus: unknown): asserts modulus is bigint {
  if (typeof modulus !== 'bigint' || modulus < 3n || (modulus & 1n) === 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus must be an odd integer.');
  }
}

/**
 * The device's half of a signature: first checks that EM encodes exactly the expected digest (throws
 * CryptoError('ENCODING_MISMATCH') and computes nothing otherwise), then returns `y = EM^d_dev mod n` in
 * `ceil(bits(n)/8)` bytes. `y` is a PIN oracle (rule 2): send it only encrypted to the server, never log,
 * cache or return it anywhere else.
 */
export function signPartially({
  modulus,
  deviceShare,
  encodedMessage,
  expected,
  modExp,
}: SignPartiallyInput): Uint8Array {
  assertOddModulus(modulus);
  const modulusBits = bitLength(modulus);
  verifyEncodedMessage({ encodedMessage, modulusBits, expected });
  if (typeof deviceShare !== 'bigint' || deviceShare < 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The device share must be a non-negative integer.');
  }
  const em = bytesToBigint(encodedMessage);
  if (em >= modulus)
    throw new CryptoError('ENCODING_MISMATCH', 'The encoded message is not below the modulus.');
  const y = modExp.bind(modulus, deviceShare).pow(em);
  return bigintToBytes(y, Math.ceil(modulusBits / 8));
}

/**
 * `signPartially` from the stored masked share and the PIN the user just typed. The encoding is checked
 * before the share is unmasked, so a refused transaction never touches the share. Whether the PIN was right
 * is decided by the server alone. d_dev exists only inside this call, as a BigInt that cannot be wiped,
 * only dropped.
 */
export function signPartiallyWithPin(input: SignPartiallyWithPinInput): Uint8Array {
  const { modulus, maskedShare, pin, encodedMessage, expected, modExp } = input;
  assertOddModulus(modulus);
  verifyEncodedMessage({ encodedMessage, modulusBits: bitLength(modulus), expected });
  if (maskedShare?.bits !== deviceShareBits(bitLength(modulus))) {
    throw new CryptoError('INVALID_ARGUMENT', 'The masked share does not belong to a key of this size.');
  }
  const deviceShare = unmaskDeviceShare(maskedShare, pin);
  return signPartially({ modulus, deviceShare, encodedMessage, expected, modExp });
}
