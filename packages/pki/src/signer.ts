import { nul, oid, seq } from './der.js';
import type { HashName } from './hash.js';
import { OID } from './oids.js';

/** The signature algorithms a certificate, CRL, OCSP response or CSR can be signed with here. */
export type SignatureAlgorithm =
  | 'ECDSA_SHA256'
  | 'ECDSA_SHA384'
  | 'ECDSA_SHA512'
  | 'RSA_PKCS1_SHA256'
  | 'RSA_PKCS1_SHA384'
  | 'RSA_PKCS1_SHA512';

/**
 * A private key that signs, wherever it lives (a PKCS#11 token, a software key, the two-party protocol).
 * `sign` gets the exact bytes to be signed (a TBSCertificate, a TBSCertList, ...), hashes them itself, and returns
 * the signature as it goes into the BIT STRING: DER `ECDSA-Sig-Value` for ECDSA, the raw value for RSA.
 */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  /** The signer's SubjectPublicKeyInfo (DER). */
  readonly publicKey: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

interface AlgorithmParameters {
  readonly oid: string;
  readonly hash: HashName;
  readonly key: 'RSA' | 'EC';
}

/** Parameters of each signature algorithm, in one table. */
export const SIGNATURE_ALGORITHMS: Readonly<Record<SignatureAlgorithm, AlgorithmParameters>> = Object.freeze({
  ECDSA_SHA256: { oid: OID.ecdsaWithSha256, hash: 'SHA-256', key: 'EC' },
  ECDSA_SHA384: { oid: OID.ecdsaWithSha384, hash: 'SHA-384', key: 'EC' },
  ECDSA_SHA512: { oid: OID.ecdsaWithSha512, hash: 'SHA-512', key: 'EC' },
  RSA_PKCS1_SHA256: { oid: OID.sha256WithRsa, hash: 'SHA-256', key: 'RSA' },
  RSA_PKCS1_SHA384: { oid: OID.sha384WithRsa, hash: 'SHA-384', key: 'RSA' },
  RSA_PKCS1_SHA512: { oid: OID.sha512WithRsa, hash: 'SHA-512', key: 'RSA' },
});

/** The AlgorithmIdentifier DER of a signature algorithm (RSA: NULL parameters; ECDSA: none, RFC 5758). */
export function encodeSignatureAlgorithm(algorithm: SignatureAlgorithm): Uint8Array<ArrayBuffer> {
  const p = SIGNATURE_ALGORITHMS[algorithm];
  return p.key === 'RSA' ? seq(oid(p.oid), nul()) : seq(oid(p.oid));
}
