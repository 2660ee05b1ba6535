import type { KeyPurpose } from '@tessera/protocol';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData, VaultAccount, VaultKey } from './device-vault.js';

/** The account and key a transaction names; throws `NOT_ENROLLED` when the vault lacks them. */
export function findAccountKey(
  data: DeviceVaultData,
  documentNumber: string,
  purpose: KeyPurpose,
): { account: VaultAccount; key: VaultKey } {
  const account = data.accounts.find((a) => a.documentNumber === documentNumber);
  const key = account?.keys.find((k) => k.purpose === purpose);
  if (account === undefined || key === undefined) {
    throw new DeviceError('NOT_ENROLLED', 'This device holds no such account key.');
  }
  return { account, key };
}
