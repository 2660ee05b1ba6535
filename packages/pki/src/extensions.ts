/**
 * Encoders for the extensions the profiles use (RFC 5280 §4.2, RFC 6960, ETSI EN 319 412-5). Internal: the
 * public operations decide which extensions a certificate gets.
 */
import {
  bool,
  explicit,
  generalizedTime,
  ia5,
  implicitConstructed,
  implicitPrimitive,
  int,
  namedBits,
  nul,
  octets,
  oid,
  printable,
  seq,
  setOf,
} from './der.js';
import { digest } from './hash.js';
import { OID } from './oids.js';
import type { KeyUsageName, PolicySpec, QcStatementName } from './profiles.js';
import { subjectPublicKeyBits } from './public-key.js';

/** One extension to encode. */
export interface ExtensionSpec {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** The DER of an Extension (critical written only when true, as DER's DEFAULT FALSE requires). */
export function encodeExtension(ext: ExtensionSpec): Uint8Array {
  return seq(oid(ext.oid), ext.critical ? bool(true) : undefined, octets(ext.value));
}

const KEY_USAGE_BIT: Readonly<Record<KeyUsageName, number>> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

/** keyUsage, always critical here (RFC 5280 SHOULD; the Smart-ID fixtures have it critical). */
export function keyUsage(usages: readonly KeyUsageName[]): ExtensionSpec {
  return { oid: OID.keyUsage, critical: true, value: namedBits(usages.map((u) => KEY_USAGE_BIT[u])) };
}

/** basicConstraints; critical for CAs (RFC 5280 MUST), not for end entities. */
export function basicConstraints(ca: boolean, pathLength?: number): ExtensionSpec {
  return {
    oid: OID.basicConstraints,
    critical: ca,
    value: seq(ca ? bool(true) : undefined, ca && pathLength !== undefined ? int(pathLength) : undefined),
  };
}

/** extKeyUsage (non-critical). */
export function extendedKeyUsage(oids: readonly string[]): ExtensionSpec {
  return { oid: OID.extKeyUsage, critical: false, value: seq(...oids.map((o) => oid(o))) };
}

/** The RFC 5280 method-1 key identifier: SHA-1 of the subjectPublicKey bits. */
export async function keyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-1', subjectPublicKeyBits(spki));
}

/** subjectKeyIdentifier. */
export function subjectKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: octets(keyId) };
}

/** authorityKeyIdentifier with the keyIdentifier field only. */
export function authorityKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.authorityKeyIdentifier, critical: false, value: seq(implicitPrimitive(0, keyId)) };
}

function uri(url: string): Uint8Array {
  // GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String
  const encoded = ia5(url);
  encoded[0] = 0x86;
  return encoded;
}

/** authorityInfoAccess with an OCSP URL and/or a caIssuers URL. */
export function authorityInfoAccess(urls: { ocsp?: string; caIssuers?: string }): ExtensionSpec {
  return {
    oid: OID.authorityInfoAccess,
    critical: false,
    value: seq(
      urls.ocsp !== undefined ? seq(oid(OID.ocsp), uri(urls.ocsp)) : undefined,
      urls.caIssuers !== undefined ? seq(oid(OID.caIssuers), uri(urls.caIssuers)) : undefined,
    ),
  };
}

/** cRLDistributionPoints with one full-name URL. */
export function crlDistributionPoints(url: string): ExtensionSpec {
  // DistributionPoint { distributionPoint [0] { fullName [0] IMPLICIT GeneralNames } }
  return {
    oid: OID.crlDistributionPoints,
    critical: false,
    value: seq(seq(explicit(0, implicitConstructed(0, uri(url))))),
  };
}

/** certificatePolicies, each policy with its CPS URI qualifier when it has one. */
export function certificatePolicies(policies: readonly PolicySpec[]): ExtensionSpec {
  return {
    oid: OID.certificatePolicies,
    critical: false,
    value: seq(
      ...policies.map((p) =>
        seq(oid(p.oid), p.cpsUri !== undefined ? seq(seq(oid(OID.cpsQualifier), ia5(p.cpsUri))) : undefined),
      ),
    ),
  };
}

/** subjectAltName with one directoryName (already-encoded Name). */
export function subjectAltNameDirectoryName(name: Uint8Array): ExtensionSpec {
  // GeneralName directoryName [4] Name: a CHOICE, so the tag is explicit
  return { oid: OID.subjectAltName, critical: false, value: seq(explicit(4, name)) };
}

/** subjectDirectoryAttributes with dateOfBirth (RFC 3739 §3.2.2: GeneralizedTime at 12:00:00Z). */
export function subjectDirectoryDateOfBirth(dateOfBirth: Date): ExtensionSpec {
  return {
    oid: OID.subjectDirectoryAttributes,
    critical: false,
    value: seq(seq(oid(OID.dateOfBirth), setOf(generalizedTime(dateOfBirth)))),
  };
}

/** qcStatements in the order of the Smart-ID fixture: semantics id, compliance, SSCD, type, PDS. */
export function qcStatements(
  names: readonly QcStatementName[],
  pds: { url: string; language: string },
): ExtensionSpec {
  const statement: Record<QcStatementName, () => Uint8Array> = {
    semanticsIdNatural: () => seq(oid(OID.pkixQcSyntaxV2), seq(oid(OID.semanticsIdNatural))),
    qcCompliance: () => seq(oid(OID.qcCompliance)),
    qcSscd: () => seq(oid(OID.qcSscd)),
    qcTypeEsign: () => seq(oid(OID.qcType), seq(oid(OID.qcTypeEsign))),
    qcPds: () => seq(oid(OID.qcPds), seq(seq(ia5(pds.url), printable(pds.language)))),
  };
  const order: readonly QcStatementName[] = [
    'semanticsIdNatural',
    'qcCompliance',
    'qcSscd',
    'qcTypeEsign',
    'qcPds',
  ];
  return {
    oid: OID.qcStatements,
    critical: false,
    value: seq(...order.filter((n) => names.includes(n)).map((n) => statement[n]())),
  };
}

/** id-pkix-ocsp-nocheck for the delegated OCSP responder (RFC 6960 §4.2.2.2.1). */
export function ocspNoCheck(): ExtensionSpec {
  return { oid: OID.ocspNoCheck, critical: false, value: nul() };
}
