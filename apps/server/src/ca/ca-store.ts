/**
 * The CA's storage port: the hierarchy (certificates and key references) and every certificate it issued with
 * its revocation state. Records are JSON-friendly (Base64 DER, ISO dates, hex serials) so every adapter (memory,
 * file, SQL) stores the same shapes.
 */
import type { CertificateLevel, CertificatePurpose, RevocationReason } from '@tessera/pki';
import type { CaName } from './ca-names.js';
import type { KeyRef } from './key-backend.js';

/** One CA of the hierarchy. */
export interface AuthorityRecord {
  readonly name: CaName;
  /** Base64 DER. */
  readonly certificate: string;
  readonly key: KeyRef;
  /** The delegated OCSP responder of an issuing CA. */
  readonly responder?: { readonly certificate: string; readonly key: KeyRef };
}

/** The hierarchy as `tessera ca init` created it. */
export interface HierarchyRecord {
  readonly version: 1;
  readonly createdAt: string;
  readonly keyBackend: 'pkcs11' | 'software';
  readonly policyName: string;
  readonly authorities: readonly AuthorityRecord[];
}

/** A revocation: when, and why. */
export interface RevocationRecord {
  readonly revokedAt: string;
  readonly reason: RevocationReason;
}

/** One certificate the CA issued. */
export interface IssuedCertificateRecord {
  /** Upper-case hex, even length (formatSerialNumber): unique across the hierarchy. */
  readonly serial: string;
  readonly issuer: CaName;
  readonly kind: 'END_ENTITY' | 'CA' | 'OCSP_RESPONDER';
  readonly documentNumber?: string;
  readonly level?: CertificateLevel;
  readonly purpose?: CertificatePurpose;
  readonly issuedAt: string;
  readonly notAfter: string;
  /** Base64 DER. */
  readonly certificate: string;
  readonly revocation?: RevocationRecord;
}

/** The storage port of the CA. */
export interface CaStore {
  loadHierarchy(): Promise<HierarchyRecord | undefined>;
  saveHierarchy(hierarchy: HierarchyRecord): Promise<void>;
  /** Adds an issued certificate; throws CaError SERIAL_EXISTS if the serial is taken. */
  addIssued(record: IssuedCertificateRecord): Promise<void>;
  getIssued(serial: string): Promise<IssuedCertificateRecord | undefined>;
  listIssuedByDocumentNumber(documentNumber: string): Promise<IssuedCertificateRecord[]>;
  /**
   * Revokes a certificate unless it already is; returns the record as stored afterwards (with its first
   * revocation), or undefined for an unknown serial.
   */
  revoke(serial: string, revocation: RevocationRecord): Promise<IssuedCertificateRecord | undefined>;
  listRevoked(issuer: CaName): Promise<IssuedCertificateRecord[]>;
  /** The next CRL number of a CA: 1, 2, 3, ... */
  nextCrlNumber(issuer: CaName): Promise<bigint>;
}
