import type { Account } from './account.js';
import type { AccountStore } from './ports.js';

/** The accounts a device holds and may use or delete: every one not deleted, oldest first. */
export async function listDeviceAccounts(
  deps: { readonly accounts: AccountStore },
  deviceId: string,
): Promise<Account[]> {
  return (await deps.accounts.listByDevice(deviceId)).filter((a) => a.state !== 'deleted');
}
