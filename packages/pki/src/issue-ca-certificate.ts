import { type DistinguishedName, encodeDistinguishedName } from './distinguished-name.js';
import {
  authorityInfoAccess,
  authorityKeyIdentifier,
  basicConstraints,
  certificatePolicies,
  crlDistributionPoints,
  type ExtensionSpec,
  keyIdentifier,
  keyUsage,
  subjectKeyIdentifier,
} from './extensions.js';
import { checkIssuer, checkWithinIssuerValidity, equalBytes, type Issuer } from './issuer-context.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';
import { describePublicKey } from './public-key.js';
import { signCertificate, wholeSeconds } from './sign-certificate.js';
import type { Signer } from './signer.js';

/** What issuing a CA certificate takes; without `issuer` the certificate is a self-signed root. */
export interface IssueCaCertificateInput {
  readonly subject: DistinguishedName;
  /** The new CA's SubjectPublicKeyInfo DER (for a root: the signer's own key). */
  readonly publicKey: Uint8Array;
  readonly issuer?: Issuer;
  readonly serial: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** pathLenConstraint: 0 for an issuing CA, absent for a root. */
  readonly pathLength?: number;
  readonly signer: Signer;
}

/**
 * Issues a CA certificate: basicConstraints cA (critical), keyUsage keyCertSign + cRLSign (critical), key
 * identifiers; a subordinate CA also gets AIA caIssuers, the issuer's CRL distribution point and anyPolicy.
 */
export async function issueCaCertificate(input: IssueCaCertificateInput): Promise<Uint8Array<ArrayBuffer>> {
  describePublicKey(input.publicKey);
  const subject = encodeDistinguishedName(input.subject);
  const notBefore = wholeSeconds(input.notBefore);
  const notAfter = wholeSeconds(input.notAfter);
  const ownKeyId = await keyIdentifier(input.publicKey);
  let issuerName: Uint8Array = subject;
  let issuerKeyId = ownKeyId;
  const extensions: ExtensionSpec[] = [
    basicConstraints(true, input.pathLength),
    keyUsage(['keyCertSign', 'cRLSign']),
  ];
  if (input.issuer === undefined) {
    if (!equalBytes(input.publicKey, input.signer.publicKey)) {
      throw new PkiError('SIGNER_MISMATCH', 'A self-signed certificate is signed with its own key.');
    }
  } else {
    const issuer = checkIssuer(input.issuer.certificate, input.signer);
    checkWithinIssuerValidity(issuer, notBefore, notAfter);
    issuerName = issuer.subject;
    issuerKeyId = issuer.subjectKeyIdentifier ?? (await keyIdentifier(issuer.publicKey));
    extensions.push(
      authorityInfoAccess({ caIssuers: input.issuer.urls.caIssuers, ocsp: input.issuer.urls.ocsp }),
      crlDistributionPoints(input.issuer.urls.crl),
      certificatePolicies([{ oid: OID.anyPolicy }]),
    );
  }
  extensions.push(subjectKeyIdentifier(ownKeyId), authorityKeyIdentifier(issuerKeyId));
  return signCertificate(
    {
      serialNumber: input.serial,
      issuer: issuerName,
      subject,
      notBefore,
      notAfter,
      publicKey: input.publicKey,
      extensions,
    },
    input.signer,
  );
}
