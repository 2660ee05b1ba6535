import { existsSync, readFileSync } from 'node:fs';
import { chmod, rename, writeFile } from 'node:fs/promises';
import type { DeviceVault, DeviceVaultData } from '@tessera/device';

/** SIMULATED: the phones of the sandbox's scripted test accounts, one device vault per document number. */
export interface SimulatedDevicesFile {
  /** Whether the account's device is in the file. */
  has(documentNumber: string): boolean;
  /** The device vault of one account; saving it rewrites the file. */
  vaultOf(documentNumber: string): DeviceVault;
}

/**
 * Opens (or starts) the file of the simulated devices, `sandbox-simulated-devices.json` in the data directory,
 * mode 0600: device keys as JWKs, PIN-masked shares and clone tokens, exactly what a phone keeps. Writes are
 * serialised and atomic (a temporary file renamed over the old one).
 */
export function openSimulatedDevicesFile(path: string): SimulatedDevicesFile {
  const devices: Record<string, DeviceVaultData> = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, DeviceVaultData>)
    : {};
  let writing: Promise<void> = Promise.resolve();
  const persist = () => {
    writing = writing.then(async () => {
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(devices), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    });
    return writing;
  };
  return {
    has: (documentNumber) => documentNumber in devices,
    vaultOf(documentNumber) {
      return {
        load: async () => structuredClone(devices[documentNumber] ?? null),
        save: async (data) => {
          devices[documentNumber] = structuredClone(data);
          await persist();
        },
      };
    },
  };
}
