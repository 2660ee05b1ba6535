import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CryptoError } from './crypto-error.js';

/**
 * Clone-detection tokens (two-party-rsa.md, "Clone detection"): shared shapes, constants and derivations.
 *
 * A token `t` is 32 uniformly random bytes. The server keeps only `H(t) = SHA-256(t)`. The device presents its
 * current token *inside* the end-to-end envelope of each signing request, so only the server ever sees it, and
 * the server can check it against `H(t)` without keeping a secret at rest. (An HMAC proof keyed by `t` would
 * need the server to store `t` itself; the envelope already binds the token to the transaction, key and partial
 * signature.) The request digest is `SHA-256(requestBytes)`, where the caller's canonical request bytes cover
 * the transaction id, the key id and the envelope bytes, so an identical retry has an identical digest.
 *
 * The next token travels back in a 65-byte response:
 *
 * ```
 * offset  length  field
 * 0       1       version = 0x01
 * 1       32      c   = t_next XOR K_enc
 * 33      32      tag = HMAC-SHA-256(K_mac, version || c)
 * ```
 *
 * with `K_enc || K_mac` = HKDF-SHA-256(IKM = t_current, salt = request digest,
 * info = "tessera/clone-token/next/v1", L = 64). `K_enc` is a one-time pad: the server accepts a token once,
 * and the salt makes the keys differ for every request even if that contract were broken.
 */
export const CLONE_TOKEN_LENGTH = 32;
/** How many tokens older than the previous one the server remembers, to recognise a stale copy of a device. */
export const CLONE_TOKEN_HISTORY = 32;

export const HASH_LENGTH = 32;
export const RESPONSE_VERSION = 0x01;
export const RESPONSE_LENGTH = 1 + CLONE_TOKEN_LENGTH + HASH_LENGTH;
const INFO = new TextEncoder().encode('tessera/clone-token/next/v1');

/** The server's clone-token record for one key: plain data, stored as is. */
export interface CloneTokenState {
  /** SHA-256 of the token the next fresh request must present. */
  currentHash: Uint8Array;
  /** The last accepted request, kept to answer its identical retry; null before the first signing. */
  previous: CloneTokenLastRequest | null;
  /** SHA-256 of older tokens, newest first, at most `CLONE_TOKEN_HISTORY`; presenting one reveals a copy. */
  retiredHashes: Uint8Array[];
}

/** The last accepted request, as the server remembers it. */
export interface CloneTokenLastRequest {
  /** SHA-256 of the token that request presented. */
  tokenHash: Uint8Array;
  /** SHA-256 of that request's canonical bytes. */
  requestDigest: Uint8Array;
  /** The encrypted next token that was returned (sent again, byte for byte, on an identical retry). */
  response: Uint8Array;
}

/** SHA-256 of a token. */
export function hashCloneToken(token: Uint8Array): Uint8Array {
  return sha256(token);
}

/** SHA-256 of the caller's canonical request bytes. */
export function digestRequest(requestBytes: Uint8Array): Uint8Array {
  return sha256(requestBytes);
}

/** The encryption and MAC keys of the response to one request made with `token`. */
export function deriveResponseKeys(
  token: Uint8Array,
  requestDigest: Uint8Array,
): { enc: Uint8Array; mac: Uint8Array } {
  const okm = hkdf(sha256, token, requestDigest, INFO, 2 * CLONE_TOKEN_LENGTH);
  return { enc: okm.subarray(0, CLONE_TOKEN_LENGTH), mac: okm.subarray(CLONE_TOKEN_LENGTH) };
}

/** The tag over the response's version byte and ciphertext. */
export function tagResponse(mac: Uint8Array, versionAndCiphertext: Uint8Array): Uint8Array {
  return hmac(sha256, mac, versionAndCiphertext);
}

/** `a XOR b`; the lengths must be equal. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new CryptoError('INVALID_ARGUMENT', 'XOR needs equal lengths.');
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Throws `INVALID_ARGUMENT` unless `value` is a byte string of exactly `length` bytes. */
export function assertBytes(value: unknown, length: number, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} must be ${length} bytes.`);
  }
}

/** Throws `INVALID_ARGUMENT` unless `state` has the shape of a `CloneTokenState`. */
export function assertCloneTokenState(state: CloneTokenState): void {
  if (typeof state !== 'object' || state === null) {
    throw new CryptoError('INVALID_ARGUMENT', 'The clone-token state is missing.');
  }
  assertBytes(state.currentHash, HASH_LENGTH, 'The current token hash');
  if (state.previous !== null) {
    if (typeof state.previous !== 'object') {
      throw new CryptoError('INVALID_ARGUMENT', 'The previous request record is malformed.');
    }
    assertBytes(state.previous.tokenHash, HASH_LENGTH, 'The previous token hash');
    assertBytes(state.previous.requestDigest, HASH_LENGTH, 'The previous request digest');
    assertBytes(state.previous.response, RESPONSE_LENGTH, 'The previous response');
  }
  if (!Array.isArray(state.retiredHashes)) {
    throw new CryptoError('INVALID_ARGUMENT', 'The retired token hashes must be a list.');
  }
  for (const h of state.retiredHashes) assertBytes(h, HASH_LENGTH, 'A retired token hash');
}
