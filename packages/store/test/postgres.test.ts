import { randomBytes } from 'node:crypto';
import { runSql, TEST_DATABASE_URL as url } from '@tessera/test-support';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { describeStore, type StoresUnderTest } from './store-conformance.js';

async function openIsolated(): Promise<StoresUnderTest> {
  const schema = `tessera_t_${randomBytes(6).toString('hex')}`;
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ url, schema });
  } catch (error) {
    throw new Error(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable or not usable.`, {
      cause: error,
    });
  }
  return {
    keys: store.keys,
    accounts: store.accounts,
    relyingParties: store.relyingParties,
    sessions: store.sessions,
    devices: store.devices,
    audit: store.audit,
    webPush: store.webPush,
    async close() {
      await store.close();
      await runSql(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

describeStore('PostgreSQL', openIsolated);

describe('openStore on PostgreSQL', () => {
  it('says in a sentence that the database does not answer, without the password', async () => {
    await expect(openStore({ url: 'postgres://tessera:s3cret@127.0.0.1:1/test' })).rejects.toThrow(
      /^The database does not answer \(connect ECONNREFUSED 127\.0\.0\.1:1\)\.$/,
    );
  });

  it("migrates its own schema even when another schema of the database holds Kysely's migration table", async () => {
    const other = `tessera_t_${randomBytes(6).toString('hex')}`;
    const mine = `tessera_t_${randomBytes(6).toString('hex')}`;
    try {
      await runSql(`CREATE SCHEMA ${other}`);
      await runSql(`CREATE TABLE ${other}.kysely_migration (name text)`);
      const store = await openStore({ url, schema: mine });
      await store.close();
      const rows = await runSql(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'accounts'`,
        [mine],
      );
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await runSql(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
      await runSql(`DROP SCHEMA IF EXISTS ${mine} CASCADE`);
    }
  });
});
