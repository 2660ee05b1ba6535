/**
 * The whole CA store as one JSON document and the operations on it, shared by the memory and file adapters
 * (the file adapter reads and writes this document atomically).
 */
import { CaError } from './ca-error.js';
import type { CaName } from './ca-names.js';
import type { HierarchyRecord, IssuedCertificateRecord, RevocationRecord } from './ca-store.js';

/** The serialised store. */
export interface CaStoreState {
  version: 1;
  hierarchy?: HierarchyRecord;
  issued: Record<string, IssuedCertificateRecord>;
  crlNumbers: Partial<Record<CaName, string>>;
}

/** An empty store. */
export function emptyCaStoreState(): CaStoreState {
  return { version: 1, issued: {}, crlNumbers: {} };
}

/** Adds a record, refusing a taken serial. */
export function addIssuedTo(state: CaStoreState, record: IssuedCertificateRecord): void {
  if (Object.hasOwn(state.issued, record.serial)) {
    throw new CaError('SERIAL_EXISTS', `Serial ${record.serial} is already taken.`);
  }
  state.issued[record.serial] = record;
}

/** Revokes unless already revoked; returns the stored record. */
export function revokeIn(
  state: CaStoreState,
  serial: string,
  revocation: RevocationRecord,
): IssuedCertificateRecord | undefined {
  const record = state.issued[serial];
  if (record === undefined) return undefined;
  if (record.revocation !== undefined) return record;
  const updated = { ...record, revocation };
  state.issued[serial] = updated;
  return updated;
}

/** Advances and returns a CA's CRL number. */
export function nextCrlNumberIn(state: CaStoreState, issuer: CaName): bigint {
  const next = BigInt(state.crlNumbers[issuer] ?? '0') + 1n;
  state.crlNumbers[issuer] = next.toString();
  return next;
}
