/**
 * Node-only: modular exponentiation through OpenSSL's constant-time Diffie–Hellman arithmetic. Imported only
 * by `node.ts`; the browser entry never reaches this file.
 */
import { createDiffieHellman, createHash, type DiffieHellman } from 'node:crypto';
import { bigintToBytes, bitLength } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { byteLengthOf } from './integer-math.js';
import type { ModExp, ModExpContext } from './mod-exp.js';

/** Options of `createOpensslModExp`. */
export interface OpensslModExpOptions {
  /**
   * How many bound `(modulus, exponent)` contexts to keep, least recently used evicted first (default 2048).
   * Creating one costs about one exponentiation, so the server keeps one per active key share. Use 0 where
   * the exponent must not outlive the call (the device's own share).
   */
  maxCachedContexts?: number;
}

/** OpenSSL silently returns garbage for DH moduli below this size (measured on OpenSSL 3.0). */
const MIN_MODULUS_BITS = 512;
/** OpenSSL refuses DH moduli above OPENSSL_DH_MAX_MODULUS_BITS. */
const MAX_MODULUS_BITS = 10_000;

class OpensslContext implements ModExpContext {
  readonly #modulus: bigint;
  readonly #length: number;
  readonly #exponentIsZero: boolean;
  readonly #exponentIsOdd: boolean;
  readonly #dh: DiffieHellman | undefined;

  constructor(modulus: bigint, exponent: bigint) {
    this.#modulus = modulus;
    this.#length = byteLengthOf(modulus);
    this.#exponentIsZero = exponent === 0n;
    this.#exponentIsOdd = (exponent & 1n) === 1n;
    if (this.#exponentIsZero) return; // OpenSSL rejects a zero private key; x = 0 is computed trivially.
    this.#dh = createDiffieHellman(Buffer.from(bigintToBytes(modulus, this.#length)));
    const x = bigintToBytes(exponent, byteLengthOf(exponent));
    this.#dh.setPrivateKey(Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    x.fill(0); // best effort: OpenSSL holds its own copy; the BigInt cannot be wiped.
  }

  pow(base: bigint): bigint {
    const n = this.#modulus;
    if (typeof base !== 'bigint' || base < 0n || base >= n) {
      throw new CryptoError('INVALID_ARGUMENT', 'The base must be an integer in [0, modulus).');
    }
    if (this.#exponentIsZero) return 1n;
    // OpenSSL's public-key check needs 1 < base < n - 1. The three excluded bases have closed forms:
    // 0^x = 0, 1^x = 1, (n-1)^x = (-1)^x. The last depends only on the parity, chosen arithmetically.
    if (base <= 1n) return base;
    if (base === n - 1n) return 1n + BigInt(this.#exponentIsOdd) * (n - 2n);
    const secret = this.#dh!.computeSecret(Buffer.from(bigintToBytes(base, this.#length)));
    return BigInt(`0x${secret.toString('hex')}`);
  }
}

/**
 * A ModExp backed by OpenSSL (`crypto.createDiffieHellman(n)`, `setPrivateKey(x)`, `computeSecret(m)`):
 * constant-time Montgomery exponentiation, about 5× faster than BigInt (≈5 ms at 3072 bits). Needs an odd
 * modulus of 512 to 10 000 bits. Each instance owns a bounded LRU cache of bound contexts keyed by a SHA-256
 * of `(modulus, exponent)`; nothing is shared between instances. Run it through `selfTestModExp` at start-up.
 */
export function createOpensslModExp(options: OpensslModExpOptions = {}): ModExp {
  const capacity = options.maxCachedContexts ?? 2048;
  if (!Number.isSafeInteger(capacity) || capacity < 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'maxCachedContexts must be a non-negative integer.');
  }
  const cache = new Map<string, OpensslContext>();

  return Object.freeze({
    name: 'openssl-dh',
    bind(modulus: bigint, exponent: bigint): ModExpContext {
      if (typeof modulus !== 'bigint' || modulus < 2n || (modulus & 1n) === 0n) {
        throw new CryptoError('INVALID_ARGUMENT', 'The OpenSSL backend needs an odd modulus.');
      }
      const bits = bitLength(modulus);
      if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
        throw new CryptoError(
          'INVALID_ARGUMENT',
          `The OpenSSL backend needs a modulus of ${MIN_MODULUS_BITS} to ${MAX_MODULUS_BITS} bits.`,
        );
      }
      if (typeof exponent !== 'bigint' || exponent < 0n) {
        throw new CryptoError('INVALID_ARGUMENT', 'The exponent must be a non-negative integer.');
      }
      if (capacity === 0) return new OpensslContext(modulus, exponent);
      const key = cacheKey(modulus, exponent);
      const hit = cache.get(key);
      if (hit !== undefined) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const context = new OpensslContext(modulus, exponent);
      cache.set(key, context);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return context;
    },
  });
}

function cacheKey(modulus: bigint, exponent: bigint): string {
  const n = bigintToBytes(modulus, byteLengthOf(modulus));
  const x = bigintToBytes(exponent, byteLengthOf(exponent));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, n.length);
  const key = createHash('sha256').update(length).update(n).update(x).digest('base64');
  x.fill(0);
  return key;
}
