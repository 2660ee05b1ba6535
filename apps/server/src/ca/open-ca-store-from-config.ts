/**
 * Where the CA's records live. With DATABASE_URL, in PostgreSQL beside the sessions (`createSqlCaStore`): every
 * node and every `tessera ca` command shares them, and a certificate costs one row. With the embedded database, in
 * the file `<dataDir>/ca/store.json` (`createFileCaStore`): that database serves one process at a time, and the
 * file lets `tessera ca` commands run beside the server.
 *
 * A CA store file that an earlier version left beside a PostgreSQL database is imported into it once, when the
 * database holds no hierarchy yet, and then renamed `store.json.imported`.
 */
import { rename } from 'node:fs/promises';
import type { Store } from '@tessera/store';
import type { ServerConfig } from '../config.js';
import { openStoreFromConfig } from '../open-store-from-config.js';
import type { CaStore } from './ca-store.js';
import { createFileCaStore, readCaStoreFile } from './file-ca-store.js';
import { caStorePath } from './open-key-backend.js';
import { createSqlCaStore, issuedCertificateRow } from './sql-ca-store.js';

/** An open CA store; `close()` closes the database connection it opened, if any. */
export interface OpenCaStore {
  readonly store: CaStore;
  close(): Promise<void>;
}

/** Rows per statement when importing a file's certificates. */
const IMPORT_BATCH = 500;

/** Imports the file at `path` into the empty tables of `db` in one transaction; false when there was nothing. */
async function importCaStoreFile(db: Store['db'], path: string): Promise<boolean> {
  const file = await readCaStoreFile(path);
  if (file?.hierarchy === undefined) return false;
  const hierarchy = file.hierarchy;
  const imported = await db.transaction().execute(async (trx) => {
    // Of several nodes starting at once, the first inserts the hierarchy; the others wait on its row and find it.
    const inserted = await trx
      .insertInto('ca_hierarchy')
      .values({ id: 1, record: JSON.stringify(hierarchy) })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows !== 1n) return false;
    const issued = Object.values(file.issued);
    for (let i = 0; i < issued.length; i += IMPORT_BATCH) {
      await trx
        .insertInto('ca_issued_certificates')
        .values(issued.slice(i, i + IMPORT_BATCH).map(issuedCertificateRow))
        .execute();
    }
    for (const [issuer, last] of Object.entries(file.crlNumbers)) {
      if (last !== undefined) {
        await trx.insertInto('ca_crl_numbers').values({ issuer, last_number: last }).execute();
      }
    }
    return true;
  });
  if (imported) await rename(path, `${path}.imported`);
  return imported;
}

/**
 * Opens the CA store the configuration names. With PostgreSQL it works over `db` when given (the server's own
 * store), else over a connection of its own that `close()` closes.
 */
export async function openCaStoreFromConfig(config: ServerConfig, db?: Store['db']): Promise<OpenCaStore> {
  if (config.database.url === undefined) {
    return { store: createFileCaStore(caStorePath(config)), close: async () => {} };
  }
  const opened = db === undefined ? await openStoreFromConfig(config) : undefined;
  const database = db ?? opened!.db;
  try {
    const store = createSqlCaStore(database);
    if ((await store.loadHierarchy()) === undefined) await importCaStoreFile(database, caStorePath(config));
    return { store, close: async () => opened?.close() };
  } catch (error) {
    await opened?.close();
    throw error;
  }
}
