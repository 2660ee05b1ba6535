import type { AuditEvent } from './audit-event.js';
import { CoreError } from './core-error.js';
import type { AuditLog } from './ports.js';

/** The audit trail in process memory (tests, single-process tools). */
export function createMemoryAuditLog(): AuditLog {
  const events: AuditEvent[] = [];
  const ids = new Set<string>();
  const ordered = (list: AuditEvent[]) => list.sort((a, b) => a.at - b.at);
  return {
    async append(event) {
      if (ids.has(event.id)) throw new CoreError('INVALID_ARGUMENT', 'An audit event with this id exists.');
      ids.add(event.id);
      events.push(event);
    },
    async listByAccount(accountId) {
      return ordered(events.filter((e) => e.accountId === accountId));
    },
    async listByDevice(deviceId) {
      return ordered(events.filter((e) => e.deviceId === deviceId));
    },
  };
}
