import { type ParsedCertificate, parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';
import type { Signer } from './signer.js';

/** Where relying parties find the issuer's certificate, its OCSP responder and its CRL. */
export interface IssuerUrls {
  readonly caIssuers: string;
  readonly ocsp?: string;
  readonly crl: string;
}

/** An issuing CA as issuance needs it: its certificate (DER) and the URLs its certificates point at. */
export interface Issuer {
  readonly certificate: Uint8Array;
  readonly urls: IssuerUrls;
}

/**
 * Parses an issuer certificate and checks the signer holds its key and that it may issue: basicConstraints
 * cA and, when keyUsage is present, keyCertSign. Throws SIGNER_MISMATCH or INVALID_ARGUMENT.
 */
export function checkIssuer(certificate: Uint8Array, signer: Signer): ParsedCertificate {
  const parsed = parseCertificate(certificate);
  if (!equalBytes(parsed.publicKey, signer.publicKey)) {
    throw new PkiError('SIGNER_MISMATCH', "The signer's public key is not the issuer certificate's key.");
  }
  if (!parsed.basicConstraints?.ca || (parsed.keyUsage && !parsed.keyUsage.has('keyCertSign'))) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      'The issuer certificate is not a CA certificate allowed to sign certificates.',
    );
  }
  return parsed;
}

/** Byte equality (public data: not constant-time). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Throws INVALID_VALIDITY unless [notBefore, notAfter] lies within the issuer's validity. */
export function checkWithinIssuerValidity(issuer: ParsedCertificate, notBefore: Date, notAfter: Date): void {
  if (notBefore.getTime() < issuer.notBefore.getTime() || notAfter.getTime() > issuer.notAfter.getTime()) {
    throw new PkiError(
      'INVALID_VALIDITY',
      `The validity must lie within the issuer's (${issuer.notBefore.toISOString()} to ${issuer.notAfter.toISOString()}).`,
    );
  }
}
