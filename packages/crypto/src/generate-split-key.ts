import { decodeBase64url } from './base64url.js';
import { bitLength, bytesToBigint } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { mod } from './integer-math.js';
import { defaultKeyProfile, type KeyProfile, keyProfiles } from './key-profiles.js';
import type { RandomSource } from './random.js';
import { carmichaelLambda, type ExponentShares, splitPrivateExponent } from './split-private-exponent.js';

/** An RSA public key as integers. */
export interface RsaPublicKey {
  modulus: bigint;
  publicExponent: bigint;
}

/** Input of `generateSplitKey`. */
export interface GenerateSplitKeyInput {
  /** The size profile; `production-3072` unless a test names `test-2048`. */
  profile?: KeyProfile;
  /** Randomness for the device share. */
  random: RandomSource;
  /** The WebCrypto implementation that generates the key pair; `globalThis.crypto.subtle` by default. */
  subtle?: SubtleCrypto;
}

/** A freshly generated key whose private exponent exists only as two shares. */
export interface SplitKey extends ExponentShares {
  profile: KeyProfile;
  publicKey: RsaPublicKey;
}

function jwkInteger(value: string | undefined, name: string): bigint {
  if (typeof value !== 'string' || value === '') {
    throw new CryptoError('INVALID_ARGUMENT', `The generated key has no "${name}".`);
  }
  return bytesToBigint(decodeBase64url(value));
}

/**
 * Enrolment, device side: generates an RSA key with the platform generator (WebCrypto RSASSA-PKCS1-v1_5,
 * extractable, e = 65537; the same call in Node 20 and browsers; never a home-made prime generator), reads
 * `n, e, d, p, q` from its JWK export, and splits `d` with `splitPrivateExponent`. Only the public key and
 * the two shares leave this function; `d`, `p`, `q` and λ are dropped here. They cannot be wiped: the JWK
 * strings and BigInts are immutable and live until garbage collection (the design's stated trade-off).
 */
export async function generateSplitKey({
  profile = defaultKeyProfile,
  random,
  subtle = globalThis.crypto.subtle,
}: GenerateSplitKeyInput): Promise<SplitKey> {
  if (!Object.hasOwn(keyProfiles, profile)) {
    throw new CryptoError('UNSUPPORTED_ALGORITHM', 'The key profile is not supported.');
  }
  const { modulusBits, publicExponent } = keyProfiles[profile];
  const pair = (await subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: modulusBits,
      publicExponent: Uint8Array.of(0x01, 0x00, 0x01),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = await subtle.exportKey('jwk', pair.privateKey);
  const modulus = jwkInteger(jwk.n, 'n');
  const e = jwkInteger(jwk.e, 'e');
  const d = jwkInteger(jwk.d, 'd');
  const p = jwkInteger(jwk.p, 'p');
  const q = jwkInteger(jwk.q, 'q');
  // The platform's key is trusted, but its shape is checked: a wrong split would fail only at first use.
  if (bitLength(modulus) !== modulusBits || e !== publicExponent || p * q !== modulus) {
    throw new CryptoError('INVALID_ARGUMENT', 'The platform generated a key of the wrong shape.');
  }
  const lambda = carmichaelLambda(p, q);
  if (mod(e * d, lambda) !== 1n) {
    throw new CryptoError('INVALID_ARGUMENT', 'The platform generated an inconsistent key.');
  }
  const shares = splitPrivateExponent({ modulus, privateExponent: d, lambda }, random);
  return { profile, publicKey: { modulus, publicExponent: e }, ...shares };
}
