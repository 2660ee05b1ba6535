import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { describeStore, type StoresUnderTest } from './store-conformance.js';

/** PostgreSQL runs on every machine of this project, CI's included: unreachable is a failure, not a skip. */
const url = process.env.TESSERA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
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
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.kysely_migration (name text)`);
      const store = await openStore({ url, schema: mine });
      await store.close();
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'accounts'`,
        [mine],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${other} CASCADE; DROP SCHEMA IF EXISTS ${mine} CASCADE`);
      await client.end();
    }
  });
});
