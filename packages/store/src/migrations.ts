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
  '0002-relying-parties-and-sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('relying_parties')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('names', 'text', (c) => c.notNull())
        .addColumn('allowed_sources', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('broker_name', 'text')
        .execute();
      await db.schema
        .createTable('rp_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('relying_party_id', 'text', (c) => c.notNull())
        .addColumn('relying_party_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('flow', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('session_token', 'text', (c) => c.notNull().unique())
        .addColumn('session_secret', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('RUNNING', 'COMPLETE')`))
        .addColumn('result', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('completed_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('rp_sessions_completed_at')
        .on('rp_sessions')
        .column('completed_at')
        .execute();
    },
  },
  '0003-accounts-and-key-certificates': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('document_number', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('semantics_identifier', 'text', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('QUALIFIED', 'ADVANCED')`))
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'active', 'deleted')`))
        .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
        .addColumn('valid_to', 'timestamptz', (c) => c.notNull())
        .addColumn('authentication_key_id', 'text', (c) => c.notNull())
        .addColumn('signing_key_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('accounts_person_account_id', ['semantics_identifier', 'id'])
        .execute();
      await db.schema.createIndex('accounts_device_id').on('accounts').column('device_id').execute();
      await db.schema.alterTable('account_keys').addColumn('certificate_serial', 'text').execute();
      await db.schema.alterTable('account_keys').addColumn('certificate', 'bytea').execute();
    },
  },
  '0004-session-transactions': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('rp_sessions').addColumn('transaction', 'text').execute();
    },
  },
  '0005-devices-and-audit-events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('public_key_jwk', 'text', (c) => c.notNull())
        .addColumn('push_subscription', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('device_nonces')
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_nonces_pkey', ['device_id', 'nonce'])
        .execute();
      await db.schema
        .createIndex('device_nonces_device_id_seen_at')
        .on('device_nonces')
        .columns(['device_id', 'seen_at'])
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('key_id', 'text')
        .addColumn('device_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_events_account_id')
        .on('audit_events')
        .column('account_id')
        .execute();
      await db.schema.createIndex('audit_events_device_id').on('audit_events').column('device_id').execute();
    },
  },
  '0006-session-targets': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('rp_sessions').addColumn('target', 'text').execute();
      await db.schema.alterTable('rp_sessions').addColumn('verification_code', 'text').execute();
      await db.schema.alterTable('rp_sessions').addColumn('brokered_rp_name', 'text').execute();
      await db.schema
        .alterTable('rp_sessions')
        .addColumn('ignored_properties', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.alterTable('rp_sessions').addColumn('fingerprint', 'text').execute();
      await db.schema
        .createIndex('rp_sessions_fingerprint_created_at')
        .on('rp_sessions')
        .columns(['fingerprint', 'created_at'])
        .execute();
      await db.schema
        .createTable('rp_session_targets')
        .addColumn('session_id', 'text', (c) => c.notNull().references('rp_sessions.id').onDelete('cascade'))
        .addColumn('document_number', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rp_session_targets_pkey', ['session_id', 'document_number'])
        .execute();
      await db.schema
        .createIndex('rp_session_targets_document_number')
        .on('rp_session_targets')
        .column('document_number')
        .execute();
    },
  },
  '0007-rp-api-versions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('rp_sessions')
        .addColumn('rp_api_version', 'text', (c) =>
          c.notNull().defaultTo('v3').check(sql`rp_api_version in ('v2', 'v3')`),
        )
        .execute();
    },
  },
  '0008-awaiting-linked-signature': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('devices').addColumn('awaiting_linked_signature', 'text').execute();
    },
  },
  '0009-web-push': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('web_push_vapid_keys')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('push_subscriptions')
        .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
        .addColumn('endpoint', 'text', (c) => c.notNull())
        .addColumn('p256dh', 'text', (c) => c.notNull())
        .addColumn('auth', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // The devices' JSON column held subscriptions before they had a table (nothing wrote it); carry any over.
      await sql`
        insert into push_subscriptions (device_id, endpoint, p256dh, auth, created_at)
        select id, push_subscription::json->>'endpoint', push_subscription::json->'keys'->>'p256dh',
               push_subscription::json->'keys'->>'auth', now()
        from devices
        where push_subscription is not null
          and push_subscription::json->>'endpoint' is not null
          and push_subscription::json->'keys'->>'p256dh' is not null
          and push_subscription::json->'keys'->>'auth' is not null
      `.execute(db);
      await db.schema.alterTable('devices').dropColumn('push_subscription').execute();
    },
  },
  '0010-companion-relay': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('companion_channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('phone_device_id', 'text', (c) => c.notNull())
        .addColumn('pairing_code', 'text', (c) => c.unique())
        .addColumn('phone_commitment', 'text', (c) => c.notNull())
        .addColumn('phone_token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('watch_token_hash', 'text', (c) => c.unique())
        .addColumn('watch_public_key', 'text')
        .addColumn('phone_public_key', 'text')
        .addColumn('phone_nonce', 'text')
        .addColumn('phone_confirmed', 'boolean', (c) => c.notNull())
        .addColumn('watch_confirmed', 'boolean', (c) => c.notNull())
        .addColumn('watch_locked', 'boolean', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('next_seq_phone', 'integer', (c) => c.notNull())
        .addColumn('next_seq_watch', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('confirmed_at', 'timestamptz')
        .addColumn('unpaired_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('companion_channels_phone_device_id')
        .on('companion_channels')
        .column('phone_device_id')
        .execute();
      await db.schema
        .createTable('companion_messages')
        .addColumn('channel_id', 'text', (c) =>
          c.notNull().references('companion_channels.id').onDelete('cascade'),
        )
        .addColumn('recipient', 'text', (c) => c.notNull().check(sql`recipient in ('phone', 'watch')`))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('ciphertext', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('companion_messages_pkey', ['channel_id', 'recipient', 'seq'])
        .execute();
      await db.schema
        .createIndex('companion_messages_created_at')
        .on('companion_messages')
        .column('created_at')
        .execute();
      await db.schema
        .createTable('companion_claim_failures')
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('companion_claim_failures_at')
        .on('companion_claim_failures')
        .columns(['at', 'ip'])
        .execute();
    },
  },
  '0011-account-key-versions': {
    async up(db: Kysely<unknown>) {
      // Updates of a key write only over the version they read (optimistic, no row lock held meanwhile).
      await db.schema
        .alterTable('account_keys')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0012-ca-store': {
    async up(db: Kysely<unknown>) {
      // The CA's records (apps/server CaStore) with the sessions they serve, so that every node shares them
      // without a shared file system. Records are the port's JSON shapes; the columns beside them are what is
      // looked up or filtered on.
      await db.schema
        .createTable('ca_hierarchy')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ca_issued_certificates')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text')
        .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ca_issued_certificates_document_number')
        .on('ca_issued_certificates')
        .column('document_number')
        .execute();
      await db.schema
        .createIndex('ca_issued_certificates_revoked')
        .on('ca_issued_certificates')
        .column('issuer')
        .where(sql.ref('revoked'), '=', true)
        .execute();
      await db.schema
        .createTable('ca_crl_numbers')
        .addColumn('issuer', 'text', (c) => c.primaryKey())
        .addColumn('last_number', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

/** The provider Kysely's Migrator reads. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
