import { type AuditEvent, type AuditEventKind, type AuditLog, CoreError } from '@tessera/core';
import type { Kysely, Selectable } from 'kysely';
import type { AuditEventsTable, Database } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';

function fromRow(r: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: r.id,
    at: r.at.getTime(),
    kind: r.kind as AuditEventKind,
    accountId: r.account_id,
    keyId: r.key_id,
    deviceId: r.device_id,
    sessionId: r.session_id,
    details: JSON.parse(r.details),
  };
}

/** The audit trail in SQL: inserts only; listed by time, then by insertion order. */
export function createSqlAuditLog(db: Kysely<Database>): AuditLog {
  const list = async (column: 'account_id' | 'device_id', value: string) => {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where(column, '=', value)
      .orderBy('at')
      .orderBy('seq')
      .execute();
    return rows.map(fromRow);
  };
  return {
    async append(event) {
      try {
        await db
          .insertInto('audit_events')
          .values({
            id: event.id,
            at: new Date(event.at),
            kind: event.kind,
            account_id: event.accountId,
            key_id: event.keyId,
            device_id: event.deviceId,
            session_id: event.sessionId,
            details: JSON.stringify(event.details),
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('INVALID_ARGUMENT', 'An audit event with this id exists.', { cause: error });
        }
        throw error;
      }
    },
    listByAccount: (accountId) => list('account_id', accountId),
    listByDevice: (deviceId) => list('device_id', deviceId),
  };
}
