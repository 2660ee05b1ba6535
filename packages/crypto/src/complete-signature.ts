import { bigintToBytes, bytesToBigint } from './bytes.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { CryptoError } from './crypto-error.js';
import { byteLengthOf, powModPublic } from './integer-math.js';
import type { ModExp } from './mod-exp.js';

/** Input of `completeSignature`. */
export interface CompleteSignatureInput {
  modulus: bigint;
  publicExponent: bigint;
  /** d_srv. */
  serverShare: bigint;
  /** The EM the server built for this transaction (`encodeMessage`), `ceil(bits(n)/8)` bytes. */
  encodedMessage: Uint8Array;
  /** y from the device, `ceil(bits(n)/8)` bytes. */
  partialSignature: Uint8Array;
  /** The server's backend (the OpenSSL one, with its per-key context cache). */
  modExp: ModExp;
}

/**
 * What completion tells the server. A wrong PIN is an expected outcome, not an error: the caller counts it
 * and applies the lock ladder. The failure carries nothing computed with d_srv (rule 3).
 */
export type CompleteSignatureResult =
  | { ok: true; signature: Uint8Array }
  | { ok: false; reason: 'PIN_OR_SHARE_MISMATCH' };

/**
 * The server's half: `s = y · EM^d_srv mod n`, accepted only if `s^e ≡ EM (mod n)`. Returns the signature
 * (public, `ceil(bits(n)/8)` bytes) or `PIN_OR_SHARE_MISMATCH` (wrong PIN, a clone's stale share, or a forged
 * y). Malformed input throws: CryptoError('INVALID_PARTIAL_SIGNATURE') for y of the wrong length, 0 or ≥ n;
 * 'INVALID_ARGUMENT' for a bad key or EM.
 */
export function completeSignature({
  modulus,
  publicExponent,
  serverShare,
  encodedMessage,
  partialSignature,
  modExp,
}: CompleteSignatureInput): CompleteSignatureResult {
  if (typeof modulus !== 'bigint' || modulus < 3n || (modulus & 1n) === 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The modulus must be an odd integer.');
  }
  if (typeof publicExponent !== 'bigint' || publicExponent < 3n || (publicExponent & 1n) === 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The public exponent must be an odd integer of at least 3.');
  }
  if (typeof serverShare !== 'bigint' || serverShare < 0n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The server share must be a non-negative integer.');
  }
  const k = byteLengthOf(modulus);
  if (!(encodedMessage instanceof Uint8Array) || encodedMessage.length !== k) {
    throw new CryptoError('INVALID_ARGUMENT', `The encoded message must be ${k} bytes long.`);
  }
  const em = bytesToBigint(encodedMessage);
  if (em >= modulus)
    throw new CryptoError('INVALID_ARGUMENT', 'The encoded message is not below the modulus.');
  if (!(partialSignature instanceof Uint8Array) || partialSignature.length !== k) {
    throw new CryptoError('INVALID_PARTIAL_SIGNATURE', `The partial signature must be ${k} bytes long.`);
  }
  const y = bytesToBigint(partialSignature);
  if (y === 0n || y >= modulus) {
    throw new CryptoError('INVALID_PARTIAL_SIGNATURE', 'The partial signature is not in [1, n).');
  }
  const s = (y * modExp.bind(modulus, serverShare).pow(em)) % modulus;
  const signature = bigintToBytes(s, k);
  const check = bigintToBytes(powModPublic(s, publicExponent, modulus), k);
  if (!constantTimeEqual(check, encodedMessage)) {
    signature.fill(0);
    return { ok: false, reason: 'PIN_OR_SHARE_MISMATCH' };
  }
  return { ok: true, signature };
}
