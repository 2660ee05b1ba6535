import type { DeviceContext } from './device-context.js';
import type { VaultAccount } from './device-vault.js';

/** The accounts enrolled on this device (none before the first enrolment). Reads the vault only. */
export async function listAccounts(context: DeviceContext): Promise<VaultAccount[]> {
  return (await context.vault.load())?.accounts ?? [];
}
