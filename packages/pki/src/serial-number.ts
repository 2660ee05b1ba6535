import type { RandomSource } from '@tessera/crypto';
import { PkiError } from './pki-error.js';

/**
 * A fresh certificate serial number: 16 random bytes with the top bit cleared, so it is a positive INTEGER of at
 * most 16 octets with 127 bits of entropy (RFC 5280 allows 20 octets; CA/B practice asks for 64 random bits).
 */
export function generateSerialNumber(random: RandomSource): bigint {
  for (;;) {
    const bytes = random(16);
    if (bytes.length !== 16)
      throw new PkiError('INVALID_ARGUMENT', 'The random source returned a wrong length.');
    bytes[0]! &= 0x7f;
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    if (v >= 1n << 64n) return v;
  }
}

/** A serial number as upper-case hex with an even number of digits (as OpenSSL prints it). */
export function formatSerialNumber(serial: bigint): string {
  if (serial <= 0n) throw new PkiError('INVALID_ARGUMENT', 'A serial number is a positive integer.');
  const hex = serial.toString(16).toUpperCase();
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

/** Parses a hex serial number (optional `0x`, colons and spaces allowed). Throws INVALID_ARGUMENT otherwise. */
export function parseSerialNumber(text: string): bigint {
  const hex = text.trim().replace(/^0x/i, '').replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{1,40}$/.test(hex)) {
    throw new PkiError('INVALID_ARGUMENT', 'A serial number is written as 1 to 40 hexadecimal digits.');
  }
  const v = BigInt(`0x${hex}`);
  if (v === 0n) throw new PkiError('INVALID_ARGUMENT', 'A serial number is a positive integer.');
  return v;
}
