import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceVault, DeviceVaultData } from '@tessera/device';

/** What the headless device keeps in its directory: the server it enrolled with and the vault. */
interface DeviceFile {
  readonly version: 1;
  readonly serverUrl: string;
  readonly vault: DeviceVaultData | null;
}

/** A headless device's state directory: one JSON file, written atomically, readable by its owner only. */
export interface DirectoryVault extends DeviceVault {
  /** The server the device talks to; null before the first enrolment. */
  serverUrl(): Promise<string | null>;
  setServerUrl(url: string): Promise<void>;
}

/**
 * The vault of the headless device in `dir/device.json`. The device key is kept as a JWK (a directory holds no
 * key objects), so the file is as sensitive as the device itself: it is written with mode 0600. Masked shares
 * are useless without the PINs, which are never stored.
 */
export function createDirectoryVault(dir: string): DirectoryVault {
  const path = join(dir, 'device.json');
  const read = async (): Promise<DeviceFile | null> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const file = JSON.parse(text) as DeviceFile;
    if (file?.version !== 1) throw new Error(`${path} is not a Tessera device file.`);
    return file;
  };
  const write = async (file: DeviceFile) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(`${path}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    await chmod(path, 0o600);
  };
  return {
    load: async () => (await read())?.vault ?? null,
    async save(data) {
      const file = await read();
      if (file === null) throw new Error('The device has no server yet.');
      await write({ ...file, vault: data });
    },
    serverUrl: async () => (await read())?.serverUrl ?? null,
    async setServerUrl(url) {
      const file = await read();
      await write({ version: 1, serverUrl: url, vault: file?.vault ?? null });
    },
  };
}
