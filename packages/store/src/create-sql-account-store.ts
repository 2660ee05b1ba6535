import {
  type Account,
  type AccountLevel,
  type AccountState,
  type AccountStore,
  CoreError,
} from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import type { AccountsTable, Database } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';
import { decodeJson, encodeJson } from './json-codec.js';

function toRow(a: Account): AccountsTable {
  return {
    document_number: a.documentNumber,
    id: a.id,
    semantics_identifier: a.identity.semanticsIdentifier,
    identity: encodeJson(a.identity),
    level: a.level,
    device_id: a.deviceId,
    state: a.state,
    valid_from: new Date(a.validFrom),
    valid_to: new Date(a.validTo),
    authentication_key_id: a.authenticationKeyId,
    signing_key_id: a.signingKeyId,
    created_at: new Date(a.createdAt),
  };
}

function fromRow(r: Selectable<AccountsTable>): Account {
  return {
    id: r.id,
    documentNumber: r.document_number,
    identity: decodeJson(r.identity),
    level: r.level as AccountLevel,
    deviceId: r.device_id,
    state: r.state as AccountState,
    validFrom: r.valid_from.getTime(),
    validTo: r.valid_to.getTime(),
    authenticationKeyId: r.authentication_key_id,
    signingKeyId: r.signing_key_id,
    createdAt: r.created_at.getTime(),
  };
}

/** Accounts in SQL; `update` holds the row with SELECT … FOR UPDATE. */
export function createSqlAccountStore(db: Kysely<Database>): AccountStore {
  return {
    async insert(account) {
      try {
        await db.insertInto('accounts').values(toRow(account)).execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('ACCOUNT_EXISTS', 'An account with this document number exists.', {
            cause: error,
          });
        }
        throw error;
      }
    },
    async get(documentNumber) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('document_number', '=', documentNumber)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async listBySemanticsIdentifier(semanticsIdentifier) {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .where('semantics_identifier', '=', semanticsIdentifier)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    async listByDevice(deviceId) {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .where('device_id', '=', deviceId)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    update(documentNumber, change) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('accounts')
          .selectAll()
          .where('document_number', '=', documentNumber)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new CoreError('ACCOUNT_NOT_FOUND', 'There is no such account.');
        const saved = change(fromRow(row));
        if (saved.documentNumber !== documentNumber) {
          throw new CoreError('INVALID_ARGUMENT', 'An update cannot change the document number.');
        }
        await trx
          .updateTable('accounts')
          .set(toRow(saved))
          .where('document_number', '=', documentNumber)
          .execute();
        return saved;
      });
    },
  };
}
