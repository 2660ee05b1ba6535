import { APP_API_ENDPOINTS } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** Deletes an account on the server, then forgets its masked shares and clone tokens on the device. */
export async function deleteAccount(context: DeviceContext, documentNumber: string): Promise<void> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.deleteAccount;
  await sendAppRequest(context, data, {
    method,
    path: path.replace('{documentNumber}', encodeURIComponent(documentNumber)),
  });
  data.accounts = data.accounts.filter((a) => a.documentNumber !== documentNumber);
  await context.vault.save(data);
}
