import { CoreError, type Device, type DeviceStore } from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DevicesTable } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';
import { decodeJson, encodeJson } from './json-codec.js';

function toRow(d: Device): DevicesTable {
  return {
    id: d.id,
    public_key_jwk: encodeJson(d.publicKeyJwk),
    awaiting_linked_signature:
      d.awaitingLinkedSignature === null ? null : encodeJson(d.awaitingLinkedSignature),
    created_at: new Date(d.createdAt),
  };
}

function fromRow(r: Selectable<DevicesTable>): Device {
  return {
    id: r.id,
    publicKeyJwk: decodeJson(r.public_key_jwk),
    awaitingLinkedSignature:
      r.awaiting_linked_signature === null ? null : decodeJson(r.awaiting_linked_signature),
    createdAt: r.created_at.getTime(),
  };
}

/**
 * Devices in SQL. `update` holds the row with SELECT … FOR UPDATE; `recordNonce` relies on the primary key of
 * (device, nonce): of two concurrent inserts of one nonce exactly one inserts a row.
 */
export function createSqlDeviceStore(db: Kysely<Database>): DeviceStore {
  return {
    async insert(device) {
      try {
        await db.insertInto('devices').values(toRow(device)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('DEVICE_EXISTS', 'A device with this id exists.', { cause: error });
        }
        throw error;
      }
    },
    async get(id) {
      const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    update(id, change) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('devices')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new CoreError('DEVICE_NOT_FOUND', 'There is no such device.');
        const saved = change(fromRow(row));
        if (saved.id !== id)
          throw new CoreError('INVALID_ARGUMENT', 'An update cannot change the device id.');
        await trx.updateTable('devices').set(toRow(saved)).where('id', '=', id).execute();
        return saved;
      });
    },
    async recordNonce(deviceId, nonce, seenAt, forgetBefore) {
      // One statement: the device's forgotten nonces go in a data-modifying CTE beside the insert.
      const inserted = await db
        .with('forgotten', (qb) =>
          qb
            .deleteFrom('device_nonces')
            .where('device_id', '=', deviceId)
            .where('seen_at', '<', new Date(forgetBefore)),
        )
        .insertInto('device_nonces')
        .values({ device_id: deviceId, nonce, seen_at: new Date(seenAt) })
        .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
        .executeTakeFirst();
      return inserted.numInsertedOrUpdatedRows === 1n;
    },
  };
}
