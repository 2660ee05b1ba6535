import { APP_API_ENDPOINTS, type RefuseRequest } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** Refuses a transaction, saying on which screen the user refused. */
export async function refuseTransaction(
  context: DeviceContext,
  transactionId: string,
  screen: RefuseRequest['screen'],
): Promise<void> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.refuse;
  const body: RefuseRequest = { screen };
  await sendAppRequest(context, data, {
    method,
    path: path.replace('{transactionId}', encodeURIComponent(transactionId)),
    body: JSON.stringify(body),
  });
}
