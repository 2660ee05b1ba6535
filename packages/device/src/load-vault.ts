import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData } from './device-vault.js';

/** The vault's data; throws `NOT_ENROLLED` before the first enrolment. */
export async function loadVault(context: DeviceContext): Promise<DeviceVaultData> {
  const data = await context.vault.load();
  if (data === null) throw new DeviceError('NOT_ENROLLED', 'This device is not enrolled.');
  return data;
}
