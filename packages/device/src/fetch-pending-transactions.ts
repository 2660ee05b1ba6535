import { APP_API_ENDPOINTS, type TransactionView } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { readTransactions } from './read-transactions.js';
import { sendAppRequest } from './send-app-request.js';

/** The transactions waiting for this device (Notification flows and opened device links). */
export async function fetchPendingTransactions(context: DeviceContext): Promise<TransactionView[]> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.pendingTransactions;
  return readTransactions(await sendAppRequest(context, data, { method, path }));
}
