import { CoreError, type DevicePushSubscription, type WebPushStore } from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, PushSubscriptionsTable } from './database.js';
import { isForeignKeyViolation } from './is-foreign-key-violation.js';

function fromRow(r: Selectable<PushSubscriptionsTable>): DevicePushSubscription {
  return {
    deviceId: r.device_id,
    endpoint: r.endpoint,
    keys: { p256dh: r.p256dh, auth: r.auth },
    createdAt: r.created_at.getTime(),
  };
}

/**
 * The VAPID key pair and push subscriptions in SQL. The key pair is the single row 1: of two first starts the
 * insert that loses does nothing and both read the winner's. A subscription's device must exist (a foreign key,
 * so deleting a device deletes its subscription).
 */
export function createSqlWebPushStore(db: Kysely<Database>): WebPushStore {
  const readVapid = () =>
    db
      .selectFrom('web_push_vapid_keys')
      .select(['public_key', 'private_key'])
      .where('id', '=', 1)
      .executeTakeFirst();
  return {
    async ensureVapidKeys(generate) {
      let row = await readVapid();
      if (row === undefined) {
        const made = await generate();
        await db
          .insertInto('web_push_vapid_keys')
          .values({ id: 1, public_key: made.publicKey, private_key: made.privateKey, created_at: new Date() })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        row = await readVapid();
        if (row === undefined) throw new Error('The VAPID key pair could not be stored.');
      }
      return { publicKey: row.public_key, privateKey: row.private_key };
    },
    async putSubscription(s) {
      const values = {
        device_id: s.deviceId,
        endpoint: s.endpoint,
        p256dh: s.keys.p256dh,
        auth: s.keys.auth,
        created_at: new Date(s.createdAt),
      };
      try {
        await db
          .insertInto('push_subscriptions')
          .values(values)
          .onConflict((oc) =>
            oc.column('device_id').doUpdateSet({
              endpoint: values.endpoint,
              p256dh: values.p256dh,
              auth: values.auth,
              created_at: values.created_at,
            }),
          )
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new CoreError('DEVICE_NOT_FOUND', 'There is no such device.', { cause: error });
        }
        throw error;
      }
    },
    async getSubscription(deviceId) {
      const row = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('device_id', '=', deviceId)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async deleteSubscription(deviceId, endpoint) {
      let query = db.deleteFrom('push_subscriptions').where('device_id', '=', deviceId);
      if (endpoint !== undefined) query = query.where('endpoint', '=', endpoint);
      const deleted = await query.executeTakeFirst();
      return deleted.numDeletedRows > 0n;
    },
  };
}
