import pg from 'pg';

/** The PostgreSQL the end-to-end tests run on (every machine of this project has it, CI's included). */
export const DATABASE = process.env.TESSERA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement on its own connection (creating and dropping a test's schema). */
export async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
