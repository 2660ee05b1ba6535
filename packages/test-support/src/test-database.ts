import pg from 'pg';

/**
 * The PostgreSQL the tests and benchmarks that need one run on: every machine of this project has it, CI's
 * included, so an unreachable one is a failure, not a skip. `TESSERA_TEST_DATABASE_URL` points elsewhere.
 */
export const TEST_DATABASE_URL =
  process.env.TESSERA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement on a connection of its own (creating and dropping a test's schema) and returns its rows. */
export async function runSql(text: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}
