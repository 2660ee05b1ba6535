import { type AccountSummary, APP_API_ENDPOINTS } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** The device's accounts as the server sees them: validity and each key's PIN lock (locked until when, attempts left). */
export async function fetchAccountStates(context: DeviceContext): Promise<AccountSummary[]> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.listAccounts;
  const body = (await sendAppRequest(context, data, { method, path })) as { accounts?: unknown } | null;
  if (!Array.isArray(body?.accounts))
    throw new DeviceError('INVALID_RESPONSE', 'The answer lacks the accounts.');
  return body.accounts as AccountSummary[];
}
