/**
 * A CaStore in the database the sessions live in (tables `ca_hierarchy`, `ca_issued_certificates`,
 * `ca_crl_numbers`), so that every node on one PostgreSQL shares the hierarchy, every certificate issued and
 * revoked, and one sequence of CRL numbers per CA, without a shared file system. A certificate costs one row:
 * issuing, revoking and looking up stay as fast with a million certificates as with ten.
 */
import { isUniqueViolation, type Store } from '@tessera/store';
import { CaError } from './ca-error.js';
import type { CaName } from './ca-names.js';
import type { CaStore, HierarchyRecord, IssuedCertificateRecord, RevocationRecord } from './ca-store.js';

type Db = Store['db'];

const parseIssued = (row: { record: string }) => JSON.parse(row.record) as IssuedCertificateRecord;

/** The `ca_issued_certificates` row of a record: the record as JSON, with what is looked up beside it. */
export function issuedCertificateRow(record: IssuedCertificateRecord) {
  return {
    serial: record.serial,
    issuer: record.issuer,
    document_number: record.documentNumber ?? null,
    revoked: record.revocation !== undefined,
    record: JSON.stringify(record),
  };
}

/** The CA store over `db` (migrated by `openStore`). */
export function createSqlCaStore(db: Db): CaStore {
  return {
    async loadHierarchy() {
      const row = await db.selectFrom('ca_hierarchy').select('record').where('id', '=', 1).executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.record) as HierarchyRecord);
    },

    async saveHierarchy(hierarchy: HierarchyRecord) {
      const record = JSON.stringify(hierarchy);
      await db
        .insertInto('ca_hierarchy')
        .values({ id: 1, record })
        .onConflict((oc) => oc.column('id').doUpdateSet({ record }))
        .execute();
    },

    async addIssued(record: IssuedCertificateRecord) {
      try {
        await db.insertInto('ca_issued_certificates').values(issuedCertificateRow(record)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CaError('SERIAL_EXISTS', `Serial ${record.serial} is already taken.`);
        }
        throw error;
      }
    },

    async getIssued(serial: string) {
      const row = await db
        .selectFrom('ca_issued_certificates')
        .select('record')
        .where('serial', '=', serial)
        .executeTakeFirst();
      return row === undefined ? undefined : parseIssued(row);
    },

    async listIssuedByDocumentNumber(documentNumber: string) {
      const rows = await db
        .selectFrom('ca_issued_certificates')
        .select('record')
        .where('document_number', '=', documentNumber)
        .orderBy('serial')
        .execute();
      return rows.map(parseIssued);
    },

    revoke(serial: string, revocation: RevocationRecord) {
      // Under the row's lock, so that of two revocations at once the first is kept, as the port promises.
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('ca_issued_certificates')
          .select('record')
          .where('serial', '=', serial)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) return undefined;
        const record = parseIssued(row);
        if (record.revocation !== undefined) return record;
        const revoked = { ...record, revocation };
        await trx
          .updateTable('ca_issued_certificates')
          .set({ revoked: true, record: JSON.stringify(revoked) })
          .where('serial', '=', serial)
          .execute();
        return revoked;
      });
    },

    async listRevoked(issuer: CaName) {
      const rows = await db
        .selectFrom('ca_issued_certificates')
        .select('record')
        .where('issuer', '=', issuer)
        .where('revoked', '=', true)
        .orderBy('serial')
        .execute();
      return rows.map(parseIssued);
    },

    async nextCrlNumber(issuer: CaName) {
      const row = await db
        .insertInto('ca_crl_numbers')
        .values({ issuer, last_number: 1n })
        .onConflict((oc) =>
          oc.column('issuer').doUpdateSet((eb) => ({
            last_number: eb('ca_crl_numbers.last_number', '+', 1n),
          })),
        )
        .returning('last_number')
        .executeTakeFirstOrThrow();
      return BigInt(row.last_number);
    },
  };
}
