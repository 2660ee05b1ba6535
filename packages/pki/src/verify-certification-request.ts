import {
  children,
  DerError,
  expectTag,
  readBits,
  readDer,
  readInteger,
  readOid,
  sequenceItems,
  TAG,
} from './der.js';
import { PkiError } from './pki-error.js';
import { describePublicKey } from './public-key.js';
import { verifySignature } from './verify-signature.js';

/** A PKCS#10 certification request whose self-signature has been verified. */
export interface CertificationRequest {
  readonly der: Uint8Array;
  /** The requested subject Name DER (informational: the CA builds the subject from identity data). */
  readonly subject: Uint8Array;
  /** The SubjectPublicKeyInfo DER, exactly as in the request. */
  readonly publicKey: Uint8Array;
  /** The OID of the signature algorithm the request was signed with. */
  readonly signatureAlgorithm: string;
  /** The signed CertificationRequestInfo DER, and the signature over it as in the BIT STRING. */
  readonly signedInfo: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Decodes a DER PKCS#10 request and verifies its signature with the key it carries: the proof of possession.
 * Throws MALFORMED_CSR (not a request), UNSUPPORTED_ALGORITHM, UNSUPPORTED_KEY, or CSR_SIGNATURE_INVALID.
 */
export async function verifyCertificationRequest(der: Uint8Array): Promise<CertificationRequest> {
  let info: Uint8Array;
  let subject: Uint8Array;
  let publicKey: Uint8Array;
  let algorithmNode: ReturnType<typeof readDer>;
  let signature: Uint8Array;
  let signatureAlgorithm: string;
  try {
    const [infoNode, algNode, sigNode, extra] = sequenceItems(readDer(der), 'CertificationRequest');
    if (extra !== undefined) throw new DerError('Extra fields after the signature.');
    const [version, subjectNode, spkiNode, attributes, more] = sequenceItems(
      infoNode,
      'CertificationRequestInfo',
    );
    if (readInteger(version, 'version') !== 0n) throw new DerError('Unknown CSR version.');
    subject = expectTag(subjectNode, TAG.SEQUENCE, 'subject').raw;
    publicKey = expectTag(spkiNode, TAG.SEQUENCE, 'subjectPKInfo').raw;
    if (attributes === undefined || attributes.tag !== 0xa0 || more !== undefined) {
      throw new DerError('Bad CSR attributes.');
    }
    children(attributes);
    info = infoNode!.raw;
    algorithmNode = expectTag(algNode, TAG.SEQUENCE, 'signatureAlgorithm');
    signatureAlgorithm = readOid(
      sequenceItems(algorithmNode, 'signatureAlgorithm')[0],
      'signature algorithm',
    );
    const sigBits = readBits(sigNode, 'signature');
    if (sigBits.unusedBits !== 0) throw new DerError('The signature has unused bits.');
    signature = sigBits.bytes;
  } catch (cause) {
    throw new PkiError('MALFORMED_CSR', 'The data is not a valid DER PKCS#10 certification request.', {
      cause,
    });
  }
  try {
    describePublicKey(publicKey);
  } catch (cause) {
    if (cause instanceof PkiError && cause.code === 'MALFORMED_PUBLIC_KEY') {
      throw new PkiError('MALFORMED_CSR', 'The public key in the request is malformed.', { cause });
    }
    throw cause;
  }
  let valid: boolean;
  try {
    valid = await verifySignature(publicKey, algorithmNode, info, signature);
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw new PkiError('MALFORMED_CSR', 'The request signature could not be checked.', { cause });
  }
  if (!valid)
    throw new PkiError('CSR_SIGNATURE_INVALID', 'The request signature does not verify with its key.');
  return { der, subject, publicKey, signatureAlgorithm, signedInfo: info, signature };
}
