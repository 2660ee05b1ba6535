import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPgliteDialect, type Database, type DevicesTable, openStore } from '../src/index.js';
import { migrationProvider } from '../src/migrations.js';
import { describeStore } from './store-conformance.js';

describeStore('PGlite (embedded, in memory)', () => openStore());

/** The tables around migration 0009, when devices still had their JSON push subscription column. */
type Before0009 = Pick<Database, 'push_subscriptions'> & {
  devices: DevicesTable & { push_subscription: string | null };
};

describe('migration 0009-web-push', () => {
  it("moves a subscription kept in the devices' JSON column into push_subscriptions", async () => {
    const db = new Kysely<Before0009>({ dialect: createPgliteDialect(new PGlite()) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0008-awaiting-linked-signature')).error).toBeUndefined();
      const subscription = { endpoint: 'https://push.example/a', keys: { p256dh: 'BAAA', auth: 'AAAA' } };
      await db
        .insertInto('devices')
        .values([
          {
            id: 'device-a',
            public_key_jwk: '{}',
            push_subscription: JSON.stringify(subscription),
            created_at: new Date(),
          },
          { id: 'device-b', public_key_jwk: '{}', push_subscription: null, created_at: new Date() },
        ])
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await db
        .selectFrom('push_subscriptions')
        .select(['device_id', 'endpoint', 'p256dh', 'auth'])
        .execute();
      expect(rows).toEqual([
        { device_id: 'device-a', endpoint: 'https://push.example/a', p256dh: 'BAAA', auth: 'AAAA' },
      ]);
      await db.deleteFrom('devices').where('id', '=', 'device-a').execute();
      expect(await db.selectFrom('push_subscriptions').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
