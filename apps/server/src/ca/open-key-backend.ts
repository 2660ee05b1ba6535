import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import type { KeyBackend } from './key-backend.js';
import { openPkcs11KeyBackend } from './pkcs11/pkcs11-key-backend.js';
import { openSoftwareKeyBackend } from './software-key-backend.js';

/** Where the file-backed CA store lives in the data directory. */
export function caStorePath(config: ServerConfig): string {
  return join(config.dataDir, 'ca', 'store.json');
}

/** The key backend the configuration names: the PKCS#11 token, or software keys under `<dataDir>/ca/keys`. */
export function openKeyBackend(config: ServerConfig): Promise<KeyBackend> {
  if (config.ca.keys === 'pkcs11') return openPkcs11KeyBackend(config.ca.hsm!);
  return openSoftwareKeyBackend(join(config.dataDir, 'ca', 'keys'));
}
