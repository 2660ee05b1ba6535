import {
  CoreError,
  type RelyingParty,
  type RelyingPartyStore,
  type RpApiVersion,
  type RpSession,
  type SessionFlow,
  type SessionKind,
  type SessionStore,
  type SessionTransaction,
} from '@tessera/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { changedColumns, MAX_UPDATE_ATTEMPTS } from './changed-columns.js';
import type { Database, RpSessionsTable } from './database.js';
import { isUniqueViolation } from './is-unique-violation.js';
import { decodeJson, encodeJson } from './json-codec.js';

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toRow(s: RpSession): RpSessionsTable {
  return {
    id: s.id,
    relying_party_id: s.relyingPartyId,
    relying_party_name: s.relyingPartyName,
    kind: s.kind,
    flow: s.flow,
    rp_api_version: s.rpApiVersion,
    request: encodeJson(s.request),
    session_token: s.sessionToken,
    session_secret: s.sessionSecret,
    state: s.state,
    target: s.target === null ? null : encodeJson(s.target),
    verification_code: s.verificationCode,
    brokered_rp_name: s.brokeredRpName,
    ignored_properties: encodeJson(s.ignoredProperties),
    fingerprint: s.fingerprint,
    transaction: s.transaction === null ? null : encodeJson(s.transaction),
    result: s.result === null ? null : encodeJson(s.result),
    version: s.version,
    created_at: new Date(s.createdAt),
    expires_at: new Date(s.expiresAt),
    completed_at: date(s.completedAt),
  };
}

/** A stored transaction; those stored before the code choice existed carry no choice. */
function readTransaction(text: string): SessionTransaction {
  const t = decodeJson<Partial<SessionTransaction>>(text);
  return {
    ...t,
    verificationCodeChoice: t.verificationCodeChoice ?? null,
    verificationCodeChosen: t.verificationCodeChosen ?? false,
  } as SessionTransaction;
}

function fromRow(r: Selectable<RpSessionsTable>): RpSession {
  return {
    id: r.id,
    relyingPartyId: r.relying_party_id,
    relyingPartyName: r.relying_party_name,
    kind: r.kind as SessionKind,
    flow: r.flow as SessionFlow,
    rpApiVersion: r.rp_api_version as RpApiVersion,
    request: decodeJson(r.request),
    sessionToken: r.session_token,
    sessionSecret: r.session_secret,
    state: r.state as RpSession['state'],
    target: r.target === null ? null : decodeJson(r.target),
    verificationCode: r.verification_code,
    brokeredRpName: r.brokered_rp_name,
    ignoredProperties: decodeJson(r.ignored_properties),
    fingerprint: r.fingerprint,
    transaction: r.transaction === null ? null : readTransaction(r.transaction),
    result: r.result === null ? null : decodeJson(r.result),
    version: r.version,
    createdAt: r.created_at.getTime(),
    expiresAt: r.expires_at.getTime(),
    completedAt: r.completed_at === null ? null : r.completed_at.getTime(),
  };
}

/** RP API sessions in SQL; `update` raises the version, and writes only over the version it read. */
export function createSqlSessionStore(db: Kysely<Database>): SessionStore {
  return {
    async insert(session) {
      const targets = session.target?.documentNumbers ?? [];
      try {
        if (targets.length === 0) {
          await db.insertInto('rp_sessions').values(toRow(session)).execute();
        } else {
          // One statement: the session and its target rows land together or not at all.
          await db
            .with('inserted', (w) => w.insertInto('rp_sessions').values(toRow(session)).returning('id'))
            .insertInto('rp_session_targets')
            .columns(['session_id', 'document_number'])
            .expression(sql`select inserted.id, t.d from inserted, unnest(${targets}::text[]) as t(d)`)
            .execute();
        }
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new CoreError('SESSION_EXISTS', 'A session with this id or token exists.', { cause: error });
        }
        throw error;
      }
    },
    async get(id) {
      const row = await db.selectFrom('rp_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async findByToken(sessionToken) {
      const row = await db
        .selectFrom('rp_sessions')
        .selectAll()
        .where('session_token', '=', sessionToken)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async update(id, change, known) {
      // Optimistic: the write lands only while the version is still the one read; a lost race reads again.
      let current = known?.id === id ? known : undefined;
      let row: Selectable<RpSessionsTable> | undefined;
      for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
        if (current === undefined) {
          row = await db.selectFrom('rp_sessions').selectAll().where('id', '=', id).executeTakeFirst();
          if (row === undefined) throw new CoreError('SESSION_NOT_FOUND', 'There is no such session.');
          current = fromRow(row);
        }
        const changed = change(current);
        if (changed === undefined) {
          if (row !== undefined) return current;
          // The caller's copy may be stale: "nothing to change" is decided on the stored session.
          current = undefined;
          continue;
        }
        // The target is fixed at creation: rp_session_targets is written once, by insert.
        const saved = { ...changed, id, target: current.target, version: current.version + 1 };
        const written = await db
          .updateTable('rp_sessions')
          .set(changedColumns(row ?? toRow(current), toRow(saved)))
          .where('id', '=', id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (written.numUpdatedRows === 1n) return saved;
        current = undefined;
        row = undefined;
      }
      throw new Error(`The session ${id} changed under ${MAX_UPDATE_ATTEMPTS} updates in a row.`);
    },
    async findByFingerprint(fingerprint, since) {
      const row = await db
        .selectFrom('rp_sessions')
        .selectAll()
        .where('fingerprint', '=', fingerprint)
        .where('created_at', '>=', new Date(since))
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async listRunningByDocumentNumbers(documentNumbers, now) {
      if (documentNumbers.length === 0) return [];
      const rows = await db
        .selectFrom('rp_sessions')
        .selectAll('rp_sessions')
        .where('state', '=', 'RUNNING')
        .where('expires_at', '>', new Date(now))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('rp_session_targets')
            .select('session_id')
            .where('document_number', 'in', [...documentNumbers]),
        )
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
  };
}

/** Registered relying parties in SQL. */
export function createSqlRelyingPartyStore(db: Kysely<Database>): RelyingPartyStore {
  return {
    async get(id) {
      const r = await db.selectFrom('relying_parties').selectAll().where('id', '=', id).executeTakeFirst();
      if (r === undefined) return undefined;
      const rp: RelyingParty = {
        id: r.id,
        names: decodeJson(r.names),
        allowedSources: decodeJson(r.allowed_sources),
        permissions: decodeJson(r.permissions),
        ...(r.broker_name === null ? {} : { brokerName: r.broker_name }),
      };
      return rp;
    },
    async put(rp) {
      const row = {
        id: rp.id,
        names: encodeJson(rp.names),
        allowed_sources: encodeJson(rp.allowedSources),
        permissions: encodeJson(rp.permissions),
        broker_name: rp.brokerName ?? null,
      };
      await db
        .insertInto('relying_parties')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
  };
}
