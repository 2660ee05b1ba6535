import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

/** Every migration, in order, in code: the same on PGlite and PostgreSQL, nothing read from disk at run time. */
const migrations: Record<string, Migration> = {
  '0001-account-keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('account_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('authentication', 'signing')`))
        .addColumn('modulus', 'text', (c) => c.notNull().unique())
        .addColumn('public_exponent', 'text', (c) => c.notNull())
        .addColumn('wrapped_server_share', 'bytea', (c) => c.notNull())
        .addColumn('lock', 'text', (c) => c.notNull())
        .addColumn('clone_token', 'text', (c) => c.notNull())
        .addColumn('in_flight', 'text')
        .addColumn('last_outcome', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('account_keys_account_id')
        .on('account_keys')
        .column('account_id')
        .execute();
    },
  },
};

/** The provider Kysely's Migrator reads. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
