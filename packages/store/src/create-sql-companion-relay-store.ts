import { type CompanionChannel, type CompanionRelayStore, CoreError } from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import type { CompanionChannelsTable, Database } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';

type ChannelRow = Omit<CompanionChannelsTable, 'next_seq_phone' | 'next_seq_watch'>;

function toRow(c: CompanionChannel): ChannelRow {
  return {
    id: c.id,
    phone_device_id: c.phoneDeviceId,
    pairing_code: c.pairingCode,
    phone_commitment: c.phoneCommitment,
    phone_token_hash: c.phoneTokenHash,
    watch_token_hash: c.watchTokenHash,
    watch_public_key: c.watchPublicKey,
    phone_public_key: c.phonePublicKey,
    phone_nonce: c.phoneNonce,
    phone_confirmed: c.phoneConfirmed,
    watch_confirmed: c.watchConfirmed,
    watch_locked: c.watchLocked,
    version: c.version,
    created_at: new Date(c.createdAt),
    expires_at: new Date(c.expiresAt),
    confirmed_at: c.confirmedAt === null ? null : new Date(c.confirmedAt),
    unpaired_at: c.unpairedAt === null ? null : new Date(c.unpairedAt),
  };
}

function fromRow(r: Selectable<CompanionChannelsTable>): CompanionChannel {
  return {
    id: r.id,
    phoneDeviceId: r.phone_device_id,
    pairingCode: r.pairing_code,
    phoneCommitment: r.phone_commitment,
    phoneTokenHash: r.phone_token_hash,
    watchTokenHash: r.watch_token_hash,
    watchPublicKey: r.watch_public_key,
    phonePublicKey: r.phone_public_key,
    phoneNonce: r.phone_nonce,
    phoneConfirmed: r.phone_confirmed,
    watchConfirmed: r.watch_confirmed,
    watchLocked: r.watch_locked,
    version: r.version,
    createdAt: r.created_at.getTime(),
    expiresAt: r.expires_at.getTime(),
    confirmedAt: r.confirmed_at === null ? null : r.confirmed_at.getTime(),
    unpairedAt: r.unpaired_at === null ? null : r.unpaired_at.getTime(),
  };
}

const notFound = () => new CoreError('CHANNEL_NOT_FOUND', 'There is no such channel.');

/**
 * Companion channels and mailboxes in SQL, shared by every server node. `update` and `appendMessage` hold the
 * channel row with SELECT … FOR UPDATE, so a lock of the watch and a message to it are ordered: once the lock
 * is saved no message for the watch is queued. The unique pairing code refuses a second open pairing with it.
 */
export function createSqlCompanionRelayStore(db: Kysely<Database>): CompanionRelayStore {
  return {
    async insert(channel) {
      try {
        await db
          .insertInto('companion_channels')
          .values({ ...toRow(channel), next_seq_phone: 0, next_seq_watch: 0 })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('PAIRING_CODE_TAKEN', 'Another open pairing holds this code.', {
            cause: error,
          });
        }
        throw error;
      }
    },
    async get(id) {
      const row = await db
        .selectFrom('companion_channels')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async findByPairingCode(pairingCode) {
      const row = await db
        .selectFrom('companion_channels')
        .selectAll()
        .where('pairing_code', '=', pairingCode)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async listByPhoneDevice(deviceId) {
      const rows = await db
        .selectFrom('companion_channels')
        .selectAll()
        .where('phone_device_id', '=', deviceId)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    update(id, change) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('companion_channels')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw notFound();
        const current = fromRow(row);
        const changed = change(current);
        if (changed === undefined) return current;
        const saved = { ...changed, id, version: current.version + 1 };
        await trx.updateTable('companion_channels').set(toRow(saved)).where('id', '=', id).execute();
        return saved;
      });
    },
    appendMessage(input, admit) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('companion_channels')
          .selectAll()
          .where('id', '=', input.channelId)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw notFound();
        const { queued } = await trx
          .selectFrom('companion_messages')
          .select((eb) => eb.fn.countAll<string>().as('queued'))
          .where('channel_id', '=', input.channelId)
          .where('recipient', '=', input.recipient)
          .executeTakeFirstOrThrow();
        admit(fromRow(row), Number(queued));
        const column = input.recipient === 'phone' ? 'next_seq_phone' : 'next_seq_watch';
        const seq = Number(row[column]) + 1;
        await trx
          .updateTable('companion_channels')
          .set({ [column]: seq })
          .where('id', '=', input.channelId)
          .execute();
        await trx
          .insertInto('companion_messages')
          .values({
            channel_id: input.channelId,
            recipient: input.recipient,
            seq,
            ciphertext: input.ciphertext,
            created_at: new Date(input.createdAt),
          })
          .execute();
        return seq;
      });
    },
    async listMessages(channelId, recipient, after, limit) {
      const rows = await db
        .selectFrom('companion_messages')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('recipient', '=', recipient)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        channelId: r.channel_id,
        recipient: r.recipient as 'phone' | 'watch',
        seq: Number(r.seq),
        ciphertext: r.ciphertext,
        createdAt: r.created_at.getTime(),
      }));
    },
    async deleteMessages(channelId, recipient, upTo) {
      let query = db
        .deleteFrom('companion_messages')
        .where('channel_id', '=', channelId)
        .where('recipient', '=', recipient);
      if (Number.isFinite(upTo)) query = query.where('seq', '<=', upTo);
      await query.execute();
    },
    async recordClaimFailure(ip, at) {
      await db
        .insertInto('companion_claim_failures')
        .values({ ip, at: new Date(at) })
        .execute();
    },
    async countClaimFailures(ip, since) {
      const row = await db
        .selectFrom('companion_claim_failures')
        .select((eb) => [
          eb.fn.countAll<string>().as('total'),
          eb.fn.count<string>('ip').filterWhere('ip', '=', ip).as('fromIp'),
        ])
        .where('at', '>=', new Date(since))
        .executeTakeFirstOrThrow();
      return { fromIp: Number(row.fromIp), total: Number(row.total) };
    },
    async purge(limits) {
      await db
        .deleteFrom('companion_channels')
        .where((eb) =>
          eb.or([
            eb.and([eb('confirmed_at', 'is', null), eb('expires_at', '<', new Date(limits.pairingsBefore))]),
            eb('unpaired_at', '<', new Date(limits.tombstonesBefore)),
          ]),
        )
        .execute();
      await db
        .deleteFrom('companion_messages')
        .where('created_at', '<', new Date(limits.messagesBefore))
        .execute();
      await db
        .deleteFrom('companion_claim_failures')
        .where('at', '<', new Date(limits.failuresBefore))
        .execute();
    },
  };
}
