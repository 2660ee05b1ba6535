import { assertPinFormat } from './assert-pin-format.js';
import { bytesToBigint } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { derivePinMask } from './derive-pin-mask.js';
import type { MaskedShare } from './mask-device-share.js';

/** Checks the record's shape (never its content: there is nothing to check a PIN against). */
export function assertMaskedShare(record: MaskedShare): void {
  const ok =
    typeof record === 'object' &&
    record !== null &&
    record.version === 1 &&
    typeof record.keyId === 'string' &&
    record.keyId !== '' &&
    Number.isSafeInteger(record.bits) &&
    record.bits >= 1 &&
    record.salt instanceof Uint8Array &&
    record.salt.length === 32 &&
    record.masked instanceof Uint8Array &&
    record.masked.length === Math.ceil(record.bits / 8) &&
    (record.masked[0]! & ~(0xff >>> (record.masked.length * 8 - record.bits))) === 0;
  if (!ok) throw new CryptoError('INVALID_ARGUMENT', 'The masked share record is malformed.');
}

/**
 * `d_dev = masked XOR mask(PIN, salt, keyId)`. Any well-formed PIN gives some `bits`-bit value; only the
 * server can tell whether it was the right one (rule 4: the device never checks the PIN). Throws
 * CryptoError('INVALID_PIN_FORMAT') or 'INVALID_ARGUMENT' for a malformed record. The result is a BigInt,
 * which cannot be wiped: drop it as soon as the partial signature is computed.
 */
export function unmaskDeviceShare(record: MaskedShare, pin: string): bigint {
  assertPinFormat(pin);
  assertMaskedShare(record);
  const mask = derivePinMask(pin, record.salt, record.keyId, record.bits);
  for (let i = 0; i < mask.length; i++) mask[i]! ^= record.masked[i]!;
  const share = bytesToBigint(mask);
  mask.fill(0);
  return share;
}
