import { PGlite } from '@electric-sql/pglite';
import type {
  AccountKeyStore,
  AccountStore,
  AuditLog,
  CompanionRelayStore,
  DeviceStore,
  RelyingPartyStore,
  SessionStore,
  WebPushStore,
} from '@tessera/core';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createPgliteDialect } from './create-pglite-dialect.js';
import { createSqlAccountKeyStore } from './create-sql-account-key-store.js';
import { createSqlAccountStore } from './create-sql-account-store.js';
import { createSqlAuditLog } from './create-sql-audit-log.js';
import { createSqlCompanionRelayStore } from './create-sql-companion-relay-store.js';
import { createSqlDeviceStore } from './create-sql-device-store.js';
import { createSqlRelyingPartyStore, createSqlSessionStore } from './create-sql-session-stores.js';
import { createSqlWebPushStore } from './create-sql-web-push-store.js';
import type { Database } from './database.js';
import { migrationProvider } from './migrations.js';

/** Where the data lives: a PostgreSQL URL, or embedded PGlite in a directory (in memory when none is given). */
export interface OpenStoreOptions {
  /** `postgres://…`: PostgreSQL through a connection pool. */
  readonly url?: string;
  /** PGlite's data directory; ignored with `url`. */
  readonly dataDir?: string;
  /** PostgreSQL only: the schema to work in (created if missing), e.g. to isolate a test run. */
  readonly schema?: string;
}

/** An open store: the repositories the domain uses, over one migrated database. */
export interface Store {
  readonly backend: 'postgresql' | 'pglite';
  readonly keys: AccountKeyStore;
  readonly accounts: AccountStore;
  readonly relyingParties: RelyingPartyStore;
  readonly sessions: SessionStore;
  readonly devices: DeviceStore;
  readonly audit: AuditLog;
  /** The deployment's VAPID key pair and the devices' push subscriptions. */
  readonly webPush: WebPushStore;
  /** Watch pairings, relay channels and their mailboxes. */
  readonly companions: CompanionRelayStore;
  /** For migrations, tests and administration; the domain goes through the repositories. */
  readonly db: Kysely<Database>;
  /** PostgreSQL: the connection pool right now (metrics). PGlite: null, it has one connection. */
  readonly poolStatistics: (() => { total: number; idle: number; waiting: number }) | null;
  /** How many statements went to the database through `db` since it was opened (metrics), failed ones included. */
  statementsExecuted(): number;
  /** Resolves once the database answers a trivial query (health checks); rejects when it cannot. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function openPostgres(
  url: string,
  schema: string | undefined,
  log?: () => void,
): { db: Kysely<Database>; pool: pg.Pool } {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`The schema name "${schema}" is not a plain lower-case identifier.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log }), pool };
}

/** Opens (and migrates) the store. Errors name what failed; a PostgreSQL URL is never echoed with its password. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let pool: pg.Pool | undefined;
  // Kysely tells of every statement it executes, succeeded or failed.
  let statements = 0;
  const count = () => {
    statements++;
  };
  if (options.url !== undefined) {
    if (options.schema !== undefined) {
      const { db: admin } = openPostgres(options.url, undefined);
      try {
        await admin.schema.createSchema(options.schema).ifNotExists().execute();
      } finally {
        await admin.destroy();
      }
    }
    ({ db, pool } = openPostgres(options.url, options.schema, count));
  } else {
    db = new Kysely<Database>({ dialect: createPgliteDialect(new PGlite(options.dataDir)), log: count });
  }
  // Kysely looks for its migration table in every schema unless told which: a database holding other Tessera
  // schemas (tests, several deployments) would make it read another schema's table. Name the one in use.
  let schema: string;
  try {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = rows[0]!.schema;
  } catch (cause) {
    await db.destroy();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`The database does not answer (${reason}).`, { cause });
  }
  const { error } = await new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema: schema,
  }).migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    throw new Error('The database could not be migrated.', { cause: error });
  }
  return {
    backend: options.url === undefined ? 'pglite' : 'postgresql',
    keys: createSqlAccountKeyStore(db),
    accounts: createSqlAccountStore(db),
    relyingParties: createSqlRelyingPartyStore(db),
    sessions: createSqlSessionStore(db),
    devices: createSqlDeviceStore(db),
    audit: createSqlAuditLog(db),
    webPush: createSqlWebPushStore(db),
    companions: createSqlCompanionRelayStore(db),
    db,
    poolStatistics:
      pool === undefined
        ? null
        : () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    statementsExecuted: () => statements,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
