import { OID } from './oids.js';
import { PkiError } from './pki-error.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Assurance level of an account and its certificates (RP API `certificateLevel`; QSCD counts as QUALIFIED). */
export type CertificateLevel = 'QUALIFIED' | 'ADVANCED';

/** What an end-entity certificate is for: PIN1 authentication or PIN2 signing. */
export type CertificatePurpose = 'AUTHENTICATION' | 'SIGNING';

/** KeyUsage bits by name (RFC 5280 §4.2.1.3). */
export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

/** The QC statements an end-entity profile can carry (ETSI EN 319 412-5; semantics id: EN 319 412-1). */
export type QcStatementName = 'semanticsIdNatural' | 'qcCompliance' | 'qcSscd' | 'qcTypeEsign' | 'qcPds';

/** One certificate policy, optionally with a CPS URI qualifier. */
export interface PolicySpec {
  readonly oid: string;
  readonly cpsUri?: string;
}

/** Names of the CA hierarchy; init appends the year to each common name. */
export interface CaNaming {
  readonly organization: string;
  readonly country?: string;
  readonly organizationIdentifier?: string;
  readonly rootCommonName: string;
  readonly qualifiedCommonName: string;
  readonly advancedCommonName: string;
}

/**
 * What a deployment decides about its certificates: policy OIDs per level and purpose, the authentication EKU,
 * the PKI disclosure statement, accepted end-entity key sizes, validity and CA names. The profile table (key
 * usage, QC statements) is fixed by the Smart-ID certificate profile; this is the part an operator configures.
 */
export interface DeploymentPolicy {
  readonly name: string;
  readonly certificatePolicies: Readonly<
    Record<CertificateLevel, Readonly<Record<CertificatePurpose, readonly PolicySpec[]>>>
  >;
  readonly authenticationExtendedKeyUsage: readonly string[];
  readonly pds: { readonly url: string; readonly language: string };
  /** RSA modulus sizes accepted in end-entity CSRs. */
  readonly endEntityRsaKeySizes: readonly number[];
  /** End-entity validity when the account does not say otherwise. */
  readonly endEntityValidityYears: number;
  readonly caNames: CaNaming;
}

/**
 * The sandbox deployment: exactly the policy OIDs and EKU the official Smart-ID RP clients check (RP API digest
 * §6.4 and §6.4a), so an integrator's validator accepts Tessera's sandbox certificates unchanged. The OIDs belong
 * to the Smart-ID scheme: a production deployment declares its own.
 */
export const sandboxPolicy: DeploymentPolicy = deepFreeze({
  name: 'sandbox',
  certificatePolicies: {
    QUALIFIED: {
      AUTHENTICATION: [{ oid: OID.smartIdSchemeQualified }, { oid: OID.etsiNcpPlus }],
      SIGNING: [{ oid: OID.smartIdSchemeQualified }, { oid: OID.etsiQcpNQscd }],
    },
    ADVANCED: {
      AUTHENTICATION: [{ oid: OID.smartIdSchemeAdvanced }, { oid: OID.etsiNcp }],
      SIGNING: [{ oid: OID.smartIdSchemeAdvanced }, { oid: OID.etsiNcp }],
    },
  },
  authenticationExtendedKeyUsage: [OID.smartIdAuthentication],
  pds: { url: 'https://tessera.invalid/pki/pds/en', language: 'en' },
  endEntityRsaKeySizes: [2048, 3072, 4096],
  endEntityValidityYears: 3,
  caNames: {
    organization: 'Tessera Sandbox',
    rootCommonName: 'Tessera Sandbox Root CA',
    qualifiedCommonName: 'Tessera Sandbox EID-Q',
    advancedCommonName: 'Tessera Sandbox EID-NQ',
  },
});

interface ProfileRow {
  readonly keyUsage: readonly KeyUsageName[];
  readonly authenticationEku: boolean;
  readonly qcStatements: readonly QcStatementName[];
}

/**
 * Key usage, EKU and QC statements per level × purpose (RP API digest §6.4–6.5): authentication certificates
 * have keyUsage digitalSignature and the authentication EKU; signing certificates nonRepudiation; qualified
 * signing certificates every QC statement of the demo fixture, advanced ones the natural-person semantics id.
 */
export const END_ENTITY_PROFILE_TABLE: Readonly<
  Record<CertificateLevel, Readonly<Record<CertificatePurpose, ProfileRow>>>
> = deepFreeze({
  QUALIFIED: {
    AUTHENTICATION: { keyUsage: ['digitalSignature'], authenticationEku: true, qcStatements: [] },
    SIGNING: {
      keyUsage: ['nonRepudiation'],
      authenticationEku: false,
      qcStatements: ['semanticsIdNatural', 'qcCompliance', 'qcSscd', 'qcTypeEsign', 'qcPds'],
    },
  },
  ADVANCED: {
    AUTHENTICATION: { keyUsage: ['digitalSignature'], authenticationEku: true, qcStatements: [] },
    SIGNING: { keyUsage: ['nonRepudiation'], authenticationEku: false, qcStatements: ['semanticsIdNatural'] },
  },
});

/** Everything that shapes one end-entity certificate, resolved from the table and a deployment policy. */
export interface EndEntityProfile {
  readonly level: CertificateLevel;
  readonly purpose: CertificatePurpose;
  readonly policies: readonly PolicySpec[];
  readonly keyUsage: readonly KeyUsageName[];
  readonly extendedKeyUsage: readonly string[];
  readonly qcStatements: readonly QcStatementName[];
  readonly pds: { readonly url: string; readonly language: string };
  readonly rsaKeySizes: readonly number[];
}

/** The end-entity profile for a level and purpose under a deployment policy. */
export function selectEndEntityProfile(
  policy: DeploymentPolicy,
  level: CertificateLevel,
  purpose: CertificatePurpose,
): EndEntityProfile {
  const row = END_ENTITY_PROFILE_TABLE[level]?.[purpose];
  const policies = policy.certificatePolicies[level]?.[purpose];
  if (row === undefined || policies === undefined) {
    throw new PkiError('INVALID_ARGUMENT', `No certificate profile for ${level} ${purpose}.`);
  }
  return {
    level,
    purpose,
    policies,
    keyUsage: row.keyUsage,
    extendedKeyUsage: row.authenticationEku ? policy.authenticationExtendedKeyUsage : [],
    qcStatements: row.qcStatements,
    pds: policy.pds,
    rsaKeySizes: policy.endEntityRsaKeySizes,
  };
}
