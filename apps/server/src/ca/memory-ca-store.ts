import type { CaName } from './ca-names.js';
import type { CaStore, HierarchyRecord, IssuedCertificateRecord, RevocationRecord } from './ca-store.js';
import { addIssuedTo, emptyCaStoreState, nextCrlNumberIn, revokeIn } from './ca-store-state.js';

/** A CaStore in memory: for tests and benchmarks. */
export function createMemoryCaStore(): CaStore {
  const state = emptyCaStoreState();
  return {
    loadHierarchy: async () => state.hierarchy,
    saveHierarchy: async (hierarchy: HierarchyRecord) => {
      state.hierarchy = hierarchy;
    },
    addIssued: async (record: IssuedCertificateRecord) => addIssuedTo(state, record),
    getIssued: async (serial: string) => state.issued[serial],
    listIssuedByDocumentNumber: async (documentNumber: string) =>
      Object.values(state.issued).filter((r) => r.documentNumber === documentNumber),
    revoke: async (serial: string, revocation: RevocationRecord) => revokeIn(state, serial, revocation),
    listRevoked: async (issuer: CaName) =>
      Object.values(state.issued).filter((r) => r.issuer === issuer && r.revocation !== undefined),
    nextCrlNumber: async (issuer: CaName) => nextCrlNumberIn(state, issuer),
  };
}
