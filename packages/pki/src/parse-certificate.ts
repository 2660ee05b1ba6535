import {
  children,
  DerError,
  type DerNode,
  expectTag,
  readBits,
  readBoolean,
  readDer,
  readInteger,
  readOctets,
  readOid,
  readTime,
  sequenceItems,
  TAG,
} from './der.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';
import type { KeyUsageName } from './profiles.js';

/** One extension as encoded: its criticality and the DER inside extnValue. */
export interface CertificateExtension {
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** The fields of an X.509 v3 certificate that issuing, OCSP and chain validation need, with raw encodings kept. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** The TBSCertificate bytes exactly as encoded (what the signature covers). */
  readonly tbs: Uint8Array;
  readonly version: number;
  readonly serialNumber: bigint;
  /** The DER of the outer signatureAlgorithm. */
  readonly signatureAlgorithm: DerNode;
  readonly signature: Uint8Array;
  /** The issuer Name DER exactly as encoded. */
  readonly issuer: Uint8Array;
  /** The subject Name DER exactly as encoded. */
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The SubjectPublicKeyInfo DER exactly as encoded. */
  readonly publicKey: Uint8Array;
  /** Extensions by OID. */
  readonly extensions: ReadonlyMap<string, CertificateExtension>;
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  readonly keyUsage?: ReadonlySet<KeyUsageName>;
  readonly subjectKeyIdentifier?: Uint8Array;
  readonly authorityKeyIdentifier?: Uint8Array;
}

const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

function readKeyUsage(value: Uint8Array): Set<KeyUsageName> {
  const { bytes } = readBits(readDer(value), 'keyUsage');
  const out = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    if ((bytes[Math.floor(bit / 8)] ?? 0) & (0x80 >> (bit % 8))) out.add(name);
  });
  return out;
}

function readBasicConstraints(value: Uint8Array): { ca: boolean; pathLength?: number } {
  const items = sequenceItems(readDer(value), 'basicConstraints');
  let ca = false;
  let pathLength: number | undefined;
  for (const item of items) {
    if (item.tag === TAG.BOOLEAN) ca = readBoolean(item, 'cA');
    else pathLength = Number(readInteger(item, 'pathLenConstraint'));
  }
  return pathLength === undefined ? { ca } : { ca, pathLength };
}

function readAuthorityKeyIdentifier(value: Uint8Array): Uint8Array | undefined {
  const keyId = sequenceItems(readDer(value), 'authorityKeyIdentifier').find((n) => n.tag === 0x80);
  return keyId?.content;
}

/** Decodes a DER X.509 certificate. Throws MALFORMED_CERTIFICATE if it is not one. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    const [tbsNode, sigAlgNode, sigNode, extra] = sequenceItems(readDer(der), 'Certificate');
    if (extra !== undefined) throw new DerError('Extra fields after the signature.');
    expectTag(sigAlgNode, TAG.SEQUENCE, 'signatureAlgorithm');
    const signatureBits = readBits(sigNode, 'signatureValue');
    if (signatureBits.unusedBits !== 0) throw new DerError('The signature has unused bits.');
    const fields = sequenceItems(tbsNode, 'TBSCertificate');
    let i = 0;
    let version = 1;
    if (fields[0]?.tag === 0xa0) {
      version = Number(readInteger(children(fields[0])[0], 'version')) + 1;
      i = 1;
    }
    const serialNumber = readInteger(fields[i++], 'serialNumber');
    expectTag(fields[i++], TAG.SEQUENCE, 'signature');
    const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer').raw;
    const [notBeforeNode, notAfterNode] = sequenceItems(fields[i++], 'validity');
    const subject = expectTag(fields[i++], TAG.SEQUENCE, 'subject').raw;
    const publicKey = expectTag(fields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo').raw;
    const extensions = new Map<string, CertificateExtension>();
    for (const field of fields.slice(i)) {
      if (field.tag !== 0xa3) continue; // issuerUniqueID / subjectUniqueID are not used
      for (const ext of sequenceItems(children(field)[0], 'extensions')) {
        const parts = sequenceItems(ext, 'extension');
        const extnId = readOid(parts[0], 'extnID');
        const critical = parts.length === 3 ? readBoolean(parts[1], 'critical') : false;
        const value = readOctets(parts[parts.length - 1], 'extnValue');
        if (extensions.has(extnId)) throw new DerError(`Extension ${extnId} appears twice.`);
        extensions.set(extnId, { critical, value });
      }
    }
    const bc = extensions.get(OID.basicConstraints);
    const ku = extensions.get(OID.keyUsage);
    const ski = extensions.get(OID.subjectKeyIdentifier);
    const aki = extensions.get(OID.authorityKeyIdentifier);
    const akiValue = aki ? readAuthorityKeyIdentifier(aki.value) : undefined;
    return {
      der,
      tbs: tbsNode!.raw,
      version,
      serialNumber,
      signatureAlgorithm: sigAlgNode!,
      signature: signatureBits.bytes,
      issuer,
      subject,
      notBefore: readTime(notBeforeNode, 'notBefore'),
      notAfter: readTime(notAfterNode, 'notAfter'),
      publicKey,
      extensions,
      ...(bc ? { basicConstraints: readBasicConstraints(bc.value) } : {}),
      ...(ku ? { keyUsage: readKeyUsage(ku.value) } : {}),
      ...(ski ? { subjectKeyIdentifier: readOctets(readDer(ski.value), 'subjectKeyIdentifier') } : {}),
      ...(akiValue ? { authorityKeyIdentifier: akiValue } : {}),
    };
  } catch (cause) {
    throw new PkiError('MALFORMED_CERTIFICATE', 'The data is not a valid DER X.509 certificate.', { cause });
  }
}
