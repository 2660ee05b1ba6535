import {
  type AccountKey,
  type AccountKeyStore,
  CoreError,
  type KeyPurpose,
  type KeyUpdate,
} from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import { changedColumns, MAX_UPDATE_ATTEMPTS } from './changed-columns.js';
import type { AccountKeysTable, Database } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';
import { decodeJson, encodeJson } from './json-codec.js';

function toRow(key: AccountKey): Omit<AccountKeysTable, 'version'> {
  return {
    id: key.id,
    account_id: key.accountId,
    purpose: key.purpose,
    modulus: key.modulus.toString(16),
    public_exponent: key.publicExponent.toString(16),
    wrapped_server_share: key.wrappedServerShare,
    lock: encodeJson(key.lock),
    clone_token: encodeJson(key.cloneToken),
    in_flight: key.inFlight === null ? null : encodeJson(key.inFlight),
    last_outcome: key.lastOutcome === null ? null : encodeJson(key.lastOutcome),
    certificate_serial: key.certificate?.serial ?? null,
    certificate: key.certificate?.der ?? null,
    created_at: new Date(key.createdAt),
  };
}

function fromRow(row: Selectable<AccountKeysTable>): AccountKey {
  return {
    id: row.id,
    accountId: row.account_id,
    purpose: row.purpose as KeyPurpose,
    modulus: BigInt(`0x${row.modulus}`),
    publicExponent: BigInt(`0x${row.public_exponent}`),
    wrappedServerShare: new Uint8Array(row.wrapped_server_share),
    lock: decodeJson(row.lock),
    cloneToken: decodeJson(row.clone_token),
    inFlight: row.in_flight === null ? null : decodeJson(row.in_flight),
    lastOutcome: row.last_outcome === null ? null : decodeJson(row.last_outcome),
    certificate:
      row.certificate_serial === null || row.certificate === null
        ? null
        : { serial: row.certificate_serial, der: new Uint8Array(row.certificate) },
    createdAt: row.created_at.getTime(),
  };
}

type Decide<T> = (key: AccountKey) => KeyUpdate<T> | Promise<KeyUpdate<T>>;

/** The key an update decides on, with the version and columns it was stored with. */
interface Current {
  readonly key: AccountKey;
  readonly version: number;
  readonly columns: Omit<AccountKeysTable, 'version'>;
  /** Read from the database just now, not the caller's copy. */
  readonly stored: boolean;
}

/**
 * Account keys in SQL. `update` is optimistic: it decides on the row as read and writes only while the row's
 * version is still the one read, else reads and decides again, so two updates of one key never interleave.
 */
export function createSqlAccountKeyStore(db: Kysely<Database>): AccountKeyStore {
  /** The version of each key this store wrote: a caller's `known` copy is one of them, or it is read again. */
  const versions = new WeakMap<AccountKey, number>();
  return {
    async insert(key) {
      try {
        await db.insertInto('account_keys').values(toRow(key)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('KEY_EXISTS', 'A key with this id or modulus is already registered.', {
            cause: error,
          });
        }
        throw error;
      }
    },
    async get(keyId) {
      const row = await db.selectFrom('account_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async listModuli() {
      const rows = await db.selectFrom('account_keys').select('modulus').execute();
      return rows.map((r) => BigInt(`0x${r.modulus}`));
    },
    async update<T>(keyId: string, decide: Decide<T>, known?: AccountKey): Promise<T> {
      // Optimistic: the write lands only while the version is still the one read; a lost race decides again.
      const knownVersion = known?.id === keyId ? versions.get(known) : undefined;
      let current: Current | undefined =
        known !== undefined && knownVersion !== undefined
          ? { key: known, version: knownVersion, columns: toRow(known), stored: false }
          : undefined;
      for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
        if (current === undefined) {
          const row = await db
            .selectFrom('account_keys')
            .selectAll()
            .where('id', '=', keyId)
            .executeTakeFirst();
          if (row === undefined) throw new CoreError('KEY_NOT_FOUND', 'There is no such key.');
          const { version, ...columns } = row;
          current = { key: fromRow(row), version, columns, stored: true };
        }
        let decision: KeyUpdate<T>;
        try {
          decision = await decide(current.key);
        } catch (error) {
          // The caller's copy may be stale: only the stored key's decision counts.
          if (current.stored) throw error;
          current = undefined;
          continue;
        }
        const { key, result } = decision;
        if (key === undefined) {
          if (current.stored) return result;
          current = undefined;
          continue;
        }
        if (key.id !== keyId) throw new CoreError('INVALID_ARGUMENT', 'An update cannot change the key id.');
        const written = await db
          .updateTable('account_keys')
          .set({ ...changedColumns(current.columns, toRow(key)), version: current.version + 1 })
          .where('id', '=', keyId)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (written.numUpdatedRows === 1n) {
          versions.set(key, current.version + 1);
          return result;
        }
        current = undefined;
      }
      throw new Error(`The key ${keyId} changed under ${MAX_UPDATE_ATTEMPTS} updates in a row.`);
    },
  };
}
