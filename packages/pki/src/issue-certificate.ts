import { checkEndEntityKey } from './check-end-entity-key.js';
import { encodeDistinguishedName } from './distinguished-name.js';
import {
  authorityInfoAccess,
  authorityKeyIdentifier,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoints,
  type ExtensionSpec,
  extendedKeyUsage,
  keyIdentifier,
  keyUsage,
  qcStatements,
  subjectAltNameDirectoryName,
  subjectDirectoryDateOfBirth,
  subjectKeyIdentifier,
} from './extensions.js';
import { checkIssuer, checkWithinIssuerValidity, type Issuer } from './issuer-context.js';
import type { EndEntityProfile } from './profiles.js';
import { signCertificate, wholeSeconds } from './sign-certificate.js';
import type { Signer } from './signer.js';
import { dateOfBirthOf, type SubjectIdentity, subjectNameOf } from './subject-identity.js';
import { verifyCertificationRequest } from './verify-certification-request.js';

/** What issuing one end-entity certificate takes. `signer` holds the issuer certificate's key. */
export interface IssueCertificateInput {
  /** DER PKCS#10 request, signed with the key to certify (the proof of possession). */
  readonly csr: Uint8Array;
  readonly subject: SubjectIdentity;
  readonly profile: EndEntityProfile;
  readonly issuer: Issuer;
  readonly serial: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly signer: Signer;
}

/**
 * Issues an end-entity certificate of the Smart-ID profile (RP API digest §6.4–6.5) from a CSR, only after the
 * CSR's signature verifies and its key fits the profile. Returns the certificate DER.
 *
 * Throws PkiError: MALFORMED_CSR, CSR_SIGNATURE_INVALID, UNSUPPORTED_ALGORITHM, UNSUPPORTED_KEY, WRONG_KEY_SIZE,
 * INVALID_SUBJECT, INVALID_VALIDITY, SIGNER_MISMATCH.
 */
export async function issueCertificate(input: IssueCertificateInput): Promise<Uint8Array<ArrayBuffer>> {
  const { profile, subject } = input;
  const csr = await verifyCertificationRequest(input.csr);
  checkEndEntityKey(csr.publicKey, profile.rsaKeySizes);
  const subjectName = encodeDistinguishedName(subjectNameOf(subject));
  const documentName = encodeDistinguishedName([{ type: 'CN', value: subject.documentNumber }]);
  const dateOfBirth = dateOfBirthOf(subject);
  const issuer = checkIssuer(input.issuer.certificate, input.signer);
  const notBefore = wholeSeconds(input.notBefore);
  const notAfter = wholeSeconds(input.notAfter);
  checkWithinIssuerValidity(issuer, notBefore, notAfter);

  const extensions: ExtensionSpec[] = [
    basicConstraints(false),
    authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? (await keyIdentifier(issuer.publicKey))),
    subjectKeyIdentifier(await keyIdentifier(csr.publicKey)),
    authorityInfoAccess({ ocsp: input.issuer.urls.ocsp, caIssuers: input.issuer.urls.caIssuers }),
    subjectAltNameDirectoryName(documentName),
    certificatePolicies(profile.policies),
    ...(dateOfBirth ? [subjectDirectoryDateOfBirth(dateOfBirth)] : []),
    crlDistributionPoints(input.issuer.urls.crl),
    keyUsage(profile.keyUsage),
    ...(profile.extendedKeyUsage.length > 0 ? [extendedKeyUsage(profile.extendedKeyUsage)] : []),
    ...(profile.qcStatements.length > 0 ? [qcStatements(profile.qcStatements, profile.pds)] : []),
  ];
  return signCertificate(
    {
      serialNumber: input.serial,
      issuer: issuer.subject,
      subject: subjectName,
      notBefore,
      notAfter,
      publicKey: csr.publicKey,
      extensions,
    },
    input.signer,
  );
}
