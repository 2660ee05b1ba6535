/** A fresh RSA key for benchmarks, split into two-party shares, with a message encoded for it. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  bytesToBigint,
  decodeBase64url,
  type ExponentShares,
  encodeMessage,
  hashMessage,
  splitPrivateExponent,
  systemRandom,
} from '@tessera/crypto/node';

/** What a benchmark signs with. */
export interface SplitFreshKey {
  readonly privateKey: KeyObject;
  readonly n: bigint;
  readonly e: bigint;
  readonly shares: ExponentShares;
  /** PKCS#1 v1.5 with SHA-256 of the message. */
  readonly expected: { encoding: 'pkcs1-v1_5'; algorithm: 'SHA-256'; digest: Uint8Array };
  readonly encodedMessage: Uint8Array;
  /** `encodedMessage` as an integer. */
  readonly em: bigint;
}

const int = (b64: string | undefined) => bytesToBigint(decodeBase64url(b64 ?? ''));

/** Generates a `bits`-bit key (node:crypto), splits its private exponent, and encodes `message` for it. */
export function splitFreshKey(bits: number, message: Uint8Array): SplitFreshKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = privateKey.export({ format: 'jwk' });
  const n = int(jwk.n);
  const shares = splitPrivateExponent(
    { modulus: n, privateExponent: int(jwk.d), primes: [int(jwk.p), int(jwk.q)] },
    systemRandom,
  );
  const expected = {
    encoding: 'pkcs1-v1_5' as const,
    algorithm: 'SHA-256' as const,
    digest: hashMessage('SHA-256', message),
  };
  const encodedMessage = encodeMessage({ ...expected, modulusBits: bits });
  return {
    privateKey,
    n,
    e: int(jwk.e),
    shares,
    expected,
    encodedMessage,
    em: bytesToBigint(encodedMessage),
  };
}
