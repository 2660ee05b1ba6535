import { bits, DerError, explicit, int, seq, x509Time } from './der.js';
import { type ExtensionSpec, encodeExtension } from './extensions.js';
import { PkiError } from './pki-error.js';
import { encodeSignatureAlgorithm, type Signer } from './signer.js';

/** The contents of a v3 certificate before signing. Names and the key are DER, passed through byte for byte. */
export interface CertificateTemplate {
  readonly serialNumber: bigint;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: Uint8Array;
  readonly extensions: readonly ExtensionSpec[];
}

/** `date` truncated to whole seconds (X.509 times carry no fractions). */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** `SEQUENCE { tbs, signatureAlgorithm, BIT STRING signature }`, the shape of certificates, CRLs and CSRs. */
export async function signStructure(tbs: Uint8Array, signer: Signer): Promise<Uint8Array<ArrayBuffer>> {
  const signature = await signer.sign(tbs);
  return seq(tbs, encodeSignatureAlgorithm(signer.algorithm), bits(signature));
}

/** Encodes the TBSCertificate of `template` and signs it. */
export async function signCertificate(
  template: CertificateTemplate,
  signer: Signer,
): Promise<Uint8Array<ArrayBuffer>> {
  const notBefore = wholeSeconds(template.notBefore);
  const notAfter = wholeSeconds(template.notAfter);
  if (!(notAfter.getTime() > notBefore.getTime())) {
    throw new PkiError('INVALID_VALIDITY', 'notAfter must be later than notBefore.');
  }
  if (template.serialNumber <= 0n || template.serialNumber >= 1n << 159n) {
    throw new PkiError('INVALID_ARGUMENT', 'A serial number is a positive integer of at most 20 octets.');
  }
  let validity: Uint8Array;
  try {
    validity = seq(x509Time(notBefore), x509Time(notAfter));
  } catch (cause) {
    if (cause instanceof DerError)
      throw new PkiError('INVALID_VALIDITY', 'The validity dates cannot be encoded.', { cause });
    throw cause;
  }
  const tbs = seq(
    explicit(0, int(2)),
    int(template.serialNumber),
    encodeSignatureAlgorithm(signer.algorithm),
    template.issuer,
    validity,
    template.subject,
    template.publicKey,
    template.extensions.length > 0
      ? explicit(3, seq(...template.extensions.map(encodeExtension)))
      : undefined,
  );
  return signStructure(tbs, signer);
}
