import { APP_API_ENDPOINTS, type OpenDeviceLinkRequest, type TransactionView } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { readTransactions } from './read-transactions.js';
import { sendAppRequest } from './send-app-request.js';

/** Hands a scanned or opened device link to the server; returns the transactions it opened for this device. */
export async function openDeviceLink(context: DeviceContext, deviceLink: string): Promise<TransactionView[]> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.openDeviceLink;
  const body: OpenDeviceLinkRequest = { deviceLink };
  return readTransactions(await sendAppRequest(context, data, { method, path, body: JSON.stringify(body) }));
}
