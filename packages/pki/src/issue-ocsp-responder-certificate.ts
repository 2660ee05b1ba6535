import { type DistinguishedName, encodeDistinguishedName } from './distinguished-name.js';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extendedKeyUsage,
  keyIdentifier,
  keyUsage,
  ocspNoCheck,
  subjectKeyIdentifier,
} from './extensions.js';
import { checkIssuer, checkWithinIssuerValidity } from './issuer-context.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';
import { describePublicKey } from './public-key.js';
import { signCertificate, wholeSeconds } from './sign-certificate.js';
import type { Signer } from './signer.js';

/** What issuing a delegated OCSP responder certificate takes; `signer` holds the issuing CA's key. */
export interface IssueOcspResponderCertificateInput {
  readonly subject: DistinguishedName;
  /** The responder's RSA SubjectPublicKeyInfo DER. */
  readonly publicKey: Uint8Array;
  /** The issuing CA's certificate DER: the responder answers for this CA's certificates only. */
  readonly issuerCertificate: Uint8Array;
  readonly serial: bigint;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly signer: Signer;
}

/**
 * Issues a delegated OCSP responder certificate (RFC 6960 §4.2.2.2), signed directly by the issuing CA, with EKU
 * id-kp-OCSPSigning, keyUsage digitalSignature and id-pkix-ocsp-nocheck. The key must be RSA: the official PHP
 * client accepts only sha256/sha512WithRSAEncryption responses (RP API digest §6.4a).
 */
export async function issueOcspResponderCertificate(
  input: IssueOcspResponderCertificateInput,
): Promise<Uint8Array<ArrayBuffer>> {
  if (describePublicKey(input.publicKey).kind !== 'RSA') {
    throw new PkiError('UNSUPPORTED_KEY', 'The OCSP responder key must be RSA.');
  }
  const issuer = checkIssuer(input.issuerCertificate, input.signer);
  const notBefore = wholeSeconds(input.notBefore);
  const notAfter = wholeSeconds(input.notAfter);
  checkWithinIssuerValidity(issuer, notBefore, notAfter);
  return signCertificate(
    {
      serialNumber: input.serial,
      issuer: issuer.subject,
      subject: encodeDistinguishedName(input.subject),
      notBefore,
      notAfter,
      publicKey: input.publicKey,
      extensions: [
        basicConstraints(false),
        keyUsage(['digitalSignature']),
        extendedKeyUsage([OID.ocspSigning]),
        ocspNoCheck(),
        subjectKeyIdentifier(await keyIdentifier(input.publicKey)),
        authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? (await keyIdentifier(issuer.publicKey))),
      ],
    },
    input.signer,
  );
}
