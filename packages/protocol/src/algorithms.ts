/**
 * The one table of algorithm names of the RP API (spec §6.3): the `signatureAlgorithm` names with their
 * encoding and allowed hashes, the v2 `hashType` names, and the PSS constants. Hash parameters themselves are
 * `@tessera/crypto`'s table, under the same wire names.
 */
import { type HashAlgorithm, hashAlgorithms, type SignatureEncoding } from '@tessera/crypto';

/** A v3 `hashAlgorithm` name; its parameters (length, OID, DigestInfo prefix) live in `@tessera/crypto`. */
/** How the RSA signature input is encoded (`@tessera/crypto`'s names, so a scheme feeds `encodeMessage`). */
export type { HashAlgorithm, SignatureEncoding };

/** A v2 `hashType` name (no dash). */
export type V2HashType = 'SHA256' | 'SHA384' | 'SHA512';

/** A v3 `signatureAlgorithm` name. The three PKCS#1 v1.5 names are deprecated (re-allowed since 3.2.1). */
export type SignatureAlgorithm =
  | 'rsassa-pss'
  | 'sha256WithRSAEncryption'
  | 'sha384WithRSAEncryption'
  | 'sha512WithRSAEncryption';

/** Every v3 hash algorithm name, in the order of the `@tessera/crypto` table. */
export const HASH_ALGORITHM_NAMES = Object.keys(hashAlgorithms) as readonly HashAlgorithm[];

/** The digest length in bytes of a v3 hash algorithm. */
export function hashOctetLength(hashAlgorithm: HashAlgorithm): number {
  return hashAlgorithms[hashAlgorithm].outputLength;
}

/**
 * Properties of a `signatureAlgorithm`. For `pss` the hash comes from `signatureAlgorithmParameters` and must
 * be one of `allowedHashes`; for PKCS#1 v1.5 it is implied by the name and no parameters are sent.
 */
export interface SignatureAlgorithmInfo {
  readonly oid: string;
  readonly encoding: SignatureEncoding;
  readonly allowedHashes: readonly HashAlgorithm[];
  readonly impliedHash?: HashAlgorithm;
  readonly deprecated: boolean;
}

/** `signatureAlgorithm` names ↔ encoding ↔ hashes. */
export const SIGNATURE_ALGORITHMS: { readonly [A in SignatureAlgorithm]: SignatureAlgorithmInfo } = {
  'rsassa-pss': {
    oid: '1.2.840.113549.1.1.10',
    encoding: 'pss',
    allowedHashes: HASH_ALGORITHM_NAMES,
    deprecated: false,
  },
  sha256WithRSAEncryption: {
    oid: '1.2.840.113549.1.1.11',
    encoding: 'pkcs1-v1_5',
    allowedHashes: ['SHA-256'],
    impliedHash: 'SHA-256',
    deprecated: true,
  },
  sha384WithRSAEncryption: {
    oid: '1.2.840.113549.1.1.12',
    encoding: 'pkcs1-v1_5',
    allowedHashes: ['SHA-384'],
    impliedHash: 'SHA-384',
    deprecated: true,
  },
  sha512WithRSAEncryption: {
    oid: '1.2.840.113549.1.1.13',
    encoding: 'pkcs1-v1_5',
    allowedHashes: ['SHA-512'],
    impliedHash: 'SHA-512',
    deprecated: true,
  },
};

/** Every v3 `signatureAlgorithm` name, in table order. */
export const SIGNATURE_ALGORITHM_NAMES = Object.keys(SIGNATURE_ALGORITHMS) as readonly SignatureAlgorithm[];

/** v2 `hashType` → v3 hash name. */
export const V2_HASH_TYPES: { readonly [T in V2HashType]: HashAlgorithm } = {
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
};

/** The v2 signature algorithm name reported for each `hashType` (always PKCS#1 v1.5). */
export const V2_SIGNATURE_ALGORITHMS: { readonly [T in V2HashType]: SignatureAlgorithm } = {
  SHA256: 'sha256WithRSAEncryption',
  SHA384: 'sha384WithRSAEncryption',
  SHA512: 'sha512WithRSAEncryption',
};

/** The mask generation function name used in PSS `signatureAlgorithmParameters`. */
export const MGF1_ALGORITHM = 'id-mgf1';
/** OID of `id-mgf1`. */
export const MGF1_OID = '1.2.840.113549.1.1.8';
/** The PSS trailer field, always sent as this string. */
export const PSS_TRAILER_FIELD = '0xbc';
