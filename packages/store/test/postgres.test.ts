import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
