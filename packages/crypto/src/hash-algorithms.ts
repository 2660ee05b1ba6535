import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { CryptoError } from './crypto-error.js';

/** The hash algorithms the wire protocol allows, under their wire names. */
export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA3-256' | 'SHA3-384' | 'SHA3-512';

/** Everything the encodings need to know about one hash algorithm. */
export interface HashAlgorithmParameters {
  readonly name: HashAlgorithm;
  /** Output length in bytes (hLen). */
  readonly outputLength: number;
  /** The algorithm's object identifier (NIST hashAlgs arc). */
  readonly oid: string;
  /** DER of `DigestInfo { AlgorithmIdentifier { oid, NULL }, OCTET STRING (hLen) }` up to the digest (a copy). */
  readonly digestInfoPrefix: Uint8Array;
  /** The hash of `data` (synchronous; the same code in Node and the browser). */
  readonly hash: (data: Uint8Array) => Uint8Array;
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (b) => Number.parseInt(b, 16));
}

function entry(
  name: HashAlgorithm,
  outputLength: number,
  oid: string,
  prefixHex: string,
  hash: (data: Uint8Array) => Uint8Array,
): HashAlgorithmParameters {
  return Object.freeze({
    name,
    outputLength,
    oid,
    // A fresh copy each time: the table is shared and must not be mutable through it.
    get digestInfoPrefix() {
      return fromHex(prefixHex);
    },
    hash,
  });
}

/**
 * The one table of hash parameters (RFC 8017 §9.2 note 1 for SHA-2; the SHA-3 prefixes follow the same DER
 * shape with the NIST OIDs 2.16.840.1.101.3.4.2.8–10).
 */
export const hashAlgorithms: Readonly<Record<HashAlgorithm, HashAlgorithmParameters>> = Object.freeze({
  'SHA-256': entry('SHA-256', 32, '2.16.840.1.101.3.4.2.1', '3031300d060960864801650304020105000420', sha256),
  'SHA-384': entry('SHA-384', 48, '2.16.840.1.101.3.4.2.2', '3041300d060960864801650304020205000430', sha384),
  'SHA-512': entry('SHA-512', 64, '2.16.840.1.101.3.4.2.3', '3051300d060960864801650304020305000440', sha512),
  'SHA3-256': entry(
    'SHA3-256',
    32,
    '2.16.840.1.101.3.4.2.8',
    '3031300d060960864801650304020805000420',
    sha3_256,
  ),
  'SHA3-384': entry(
    'SHA3-384',
    48,
    '2.16.840.1.101.3.4.2.9',
    '3041300d060960864801650304020905000430',
    sha3_384,
  ),
  'SHA3-512': entry(
    'SHA3-512',
    64,
    '2.16.840.1.101.3.4.2.10',
    '3051300d060960864801650304020a05000440',
    sha3_512,
  ),
});

/** The parameters of a hash algorithm by wire name; throws CryptoError('UNSUPPORTED_ALGORITHM') otherwise. */
export function getHashAlgorithm(name: string): HashAlgorithmParameters {
  if (!Object.hasOwn(hashAlgorithms, name)) {
    throw new CryptoError(
      'UNSUPPORTED_ALGORITHM',
      `The hash algorithm ${JSON.stringify(String(name).slice(0, 40))} is not supported.`,
    );
  }
  return hashAlgorithms[name as HashAlgorithm];
}

/** The digest of `data` under the named algorithm. */
export function hashMessage(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  return getHashAlgorithm(algorithm).hash(data);
}
