/** Test-only loaders for the checked-in vectors and fixtures in `packages/crypto/vectors/`. */

import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeBase64url } from '../base64url.js';
import { bytesToBigint } from '../bytes.js';
import type { HashAlgorithm } from '../hash-algorithms.js';

const vectorsDirectory = new URL('../../vectors/', import.meta.url);

/** Parses a JSON file from the vectors directory. */
export function readVectorFile<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, vectorsDirectory), 'utf8')) as T;
}

/** Hex text to bytes. */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Bytes to hex text. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** A full test RSA key: integers for the arithmetic, KeyObjects for node:crypto as the oracle. */
export interface TestRsaKey {
  jwk: JsonWebKey;
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  bits: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The fixed 2048-bit test key of `vectors/fixed-key-2048.json` (no key generation at test time). */
export function loadFixedKey(): TestRsaKey {
  const { jwk } = readVectorFile<{ jwk: JsonWebKey & Record<'n' | 'e' | 'd' | 'p' | 'q', string> }>(
    'fixed-key-2048.json',
  );
  const int = (v: string) => bytesToBigint(decodeBase64url(v));
  const n = int(jwk.n);
  return {
    jwk,
    n,
    e: int(jwk.e),
    d: int(jwk.d),
    p: int(jwk.p),
    q: int(jwk.q),
    bits: n.toString(2).length,
    privateKey: createPrivateKey({ key: jwk, format: 'jwk' }),
    publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
  };
}

/** The node:crypto digest name of a wire hash name. */
export function nodeHashName(algorithm: HashAlgorithm): string {
  const lower = algorithm.toLowerCase();
  return lower.startsWith('sha3-') ? lower : lower.replace('-', '');
}
