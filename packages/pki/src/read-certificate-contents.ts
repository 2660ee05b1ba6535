import { children, DerError, readDer, readOid, readTime, sequenceItems } from './der.js';
import { decodeDistinguishedName, type NameAttribute } from './distinguished-name.js';
import { OID } from './oids.js';
import { type ParsedCertificate, parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';

/**
 * What a relying party reads from an end-entity certificate to decide whether to accept it and whom it names
 * (RP API digest §6.4–6.5): subject attributes, the document number in the SubjectAltName, policies, key
 * purposes, QC statements, the date of birth, and the AIA URLs. Absent extensions read as empty.
 */
export interface CertificateContents {
  readonly parsed: ParsedCertificate;
  /** Subject attributes in order, by short name (`C`, `CN`, `SN`, `GN`, `serialNumber`, …). */
  readonly subject: readonly NameAttribute[];
  /** The CN of the SubjectAltName directoryName: the Smart-ID document number. */
  readonly documentNumber?: string;
  /** certificatePolicies policy OIDs, in order. */
  readonly policies: readonly string[];
  /** extKeyUsage OIDs. */
  readonly extendedKeyUsage: readonly string[];
  /** qcStatements statement ids, plus every QcType listed under id-etsi-qcs-QcType. */
  readonly qcStatements: readonly string[];
  readonly qcTypes: readonly string[];
  /** subjectDirectoryAttributes dateOfBirth, as `YYYY-MM-DD`. */
  readonly dateOfBirth?: string;
  /** authorityInfoAccess URLs. */
  readonly ocspUrl?: string;
  readonly caIssuersUrl?: string;
}

const URI_TAG = 0x86;
const DIRECTORY_NAME_TAG = 0xa4;

function extension(cert: ParsedCertificate, oid: string) {
  return cert.extensions.get(oid)?.value;
}

function readPolicies(value: Uint8Array | undefined): string[] {
  if (value === undefined) return [];
  return sequenceItems(readDer(value), 'certificatePolicies').map((p) =>
    readOid(sequenceItems(p, 'PolicyInformation')[0], 'policyIdentifier'),
  );
}

function readExtendedKeyUsage(value: Uint8Array | undefined): string[] {
  if (value === undefined) return [];
  return sequenceItems(readDer(value), 'extKeyUsage').map((n) => readOid(n, 'KeyPurposeId'));
}

function readQcStatements(value: Uint8Array | undefined): { statements: string[]; types: string[] } {
  const statements: string[] = [];
  const types: string[] = [];
  if (value === undefined) return { statements, types };
  for (const statement of sequenceItems(readDer(value), 'qcStatements')) {
    const [id, info] = sequenceItems(statement, 'QCStatement');
    const statementId = readOid(id, 'statementId');
    statements.push(statementId);
    if (statementId === OID.qcType && info !== undefined) {
      for (const type of sequenceItems(info, 'QcType')) types.push(readOid(type, 'QcType'));
    }
  }
  return { statements, types };
}

function readDocumentNumber(value: Uint8Array | undefined): string | undefined {
  if (value === undefined) return undefined;
  for (const name of sequenceItems(readDer(value), 'subjectAltName')) {
    if (name.tag !== DIRECTORY_NAME_TAG) continue;
    const [inner] = children(name);
    if (inner === undefined) throw new DerError('Empty directoryName.');
    const cn = decodeDistinguishedName(inner.raw).find((a) => a.type === 'CN');
    if (cn !== undefined) return cn.value;
  }
  return undefined;
}

function readDateOfBirth(value: Uint8Array | undefined): string | undefined {
  if (value === undefined) return undefined;
  for (const attribute of sequenceItems(readDer(value), 'subjectDirectoryAttributes')) {
    const [type, values] = sequenceItems(attribute, 'Attribute');
    if (readOid(type, 'attribute type') !== OID.dateOfBirth || values === undefined) continue;
    const [time] = children(values);
    return readTime(time, 'dateOfBirth').toISOString().slice(0, 10);
  }
  return undefined;
}

function readAccessUrls(value: Uint8Array | undefined): { ocsp?: string; caIssuers?: string } {
  const urls: { ocsp?: string; caIssuers?: string } = {};
  if (value === undefined) return urls;
  for (const description of sequenceItems(readDer(value), 'authorityInfoAccess')) {
    const [method, location] = sequenceItems(description, 'AccessDescription');
    const methodOid = readOid(method, 'accessMethod');
    if (location?.tag !== URI_TAG) continue;
    const url = new TextDecoder().decode(location.content);
    if (methodOid === OID.ocsp) urls.ocsp ??= url;
    else if (methodOid === OID.caIssuers) urls.caIssuers ??= url;
  }
  return urls;
}

/** Reads a DER certificate's contents; throws MALFORMED_CERTIFICATE if it or an extension read here is malformed. */
export function readCertificateContents(der: Uint8Array): CertificateContents {
  const parsed = parseCertificate(der);
  try {
    const qc = readQcStatements(extension(parsed, OID.qcStatements));
    const urls = readAccessUrls(extension(parsed, OID.authorityInfoAccess));
    const documentNumber = readDocumentNumber(extension(parsed, OID.subjectAltName));
    const dateOfBirth = readDateOfBirth(extension(parsed, OID.subjectDirectoryAttributes));
    return {
      parsed,
      subject: decodeDistinguishedName(parsed.subject),
      policies: readPolicies(extension(parsed, OID.certificatePolicies)),
      extendedKeyUsage: readExtendedKeyUsage(extension(parsed, OID.extKeyUsage)),
      qcStatements: qc.statements,
      qcTypes: qc.types,
      ...(documentNumber === undefined ? {} : { documentNumber }),
      ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
      ...(urls.ocsp === undefined ? {} : { ocspUrl: urls.ocsp }),
      ...(urls.caIssuers === undefined ? {} : { caIssuersUrl: urls.caIssuers }),
    };
  } catch (cause) {
    throw new PkiError('MALFORMED_CERTIFICATE', 'A certificate extension is malformed.', { cause });
  }
}
