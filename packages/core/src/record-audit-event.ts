import { encodeBase64url, type RandomSource } from '@tessera/crypto';
import type { AuditEvent, AuditEventKind } from './audit-event.js';
import type { AuditLog, Clock } from './ports.js';

/** What recording an audit event needs from the world. */
export interface RecordAuditEventDeps {
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly random: RandomSource;
}

/** The facts of one event; the subjects it is not about may be left out. */
export interface AuditEventInput {
  readonly kind: AuditEventKind;
  readonly accountId?: string;
  readonly keyId?: string;
  readonly deviceId?: string;
  readonly sessionId?: string;
  readonly details?: AuditEvent['details'];
}

/** Appends one event to the audit trail with a fresh id (128 random bits) and the current time. */
export async function recordAuditEvent(
  deps: RecordAuditEventDeps,
  input: AuditEventInput,
): Promise<AuditEvent> {
  const event: AuditEvent = {
    id: encodeBase64url(deps.random(16)),
    at: deps.clock.now(),
    kind: input.kind,
    accountId: input.accountId ?? null,
    keyId: input.keyId ?? null,
    deviceId: input.deviceId ?? null,
    sessionId: input.sessionId ?? null,
    details: input.details ?? {},
  };
  await deps.audit.append(event);
  return event;
}
