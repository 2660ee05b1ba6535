import type { AccountStore, Clock, SessionStore } from './ports.js';
import type { RpSession } from './rp-session.js';

/** What waits for a device, and the accounts it may answer with. */
export interface DeviceTransactions {
  readonly sessions: RpSession[];
  /** The document numbers of the device's active, unexpired accounts. */
  readonly documentNumbers: ReadonlySet<string>;
}

/**
 * What waits for a device: the RUNNING targeted sessions of its active accounts that no device has taken yet
 * (notification offers; device-link sessions are reached by their link only) and those it took itself.
 */
export async function listDeviceTransactions(
  deps: { readonly sessions: SessionStore; readonly accounts: AccountStore; readonly clock: Clock },
  input: { readonly deviceId: string },
): Promise<DeviceTransactions> {
  const now = deps.clock.now();
  const mine = (await deps.accounts.listByDevice(input.deviceId)).filter(
    (a) => a.state === 'active' && now < a.validTo,
  );
  const documentNumbers = new Set(mine.map((a) => a.documentNumber));
  const sessions = await deps.sessions.listRunningByDocumentNumbers([...documentNumbers], now);
  return {
    sessions: sessions.filter((s) =>
      s.transaction === null ? s.flow === 'notification' : documentNumbers.has(s.transaction.documentNumber),
    ),
    documentNumbers,
  };
}
