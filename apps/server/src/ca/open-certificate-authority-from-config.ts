import type { RandomSource } from '@tessera/crypto';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { CaStore } from './ca-store.js';
import { createFileCaStore } from './file-ca-store.js';
import { type CertificateAuthority, openCertificateAuthority } from './open-certificate-authority.js';
import { caStorePath, openKeyBackend } from './open-key-backend.js';

/**
 * Opens the CA the configuration describes (file store in the data directory unless one is given, keys from
 * the configured backend); its close() closes the key backend.
 */
export async function openCertificateAuthorityFromConfig(
  config: ServerConfig,
  overrides: { store?: CaStore; clock?: Clock; random?: RandomSource } = {},
): Promise<CertificateAuthority> {
  const keys = await openKeyBackend(config);
  try {
    return await openCertificateAuthority({
      store: overrides.store ?? createFileCaStore(caStorePath(config)),
      keys,
      policy: config.ca.policy,
      publicUrl: config.publicUrl,
      ...(overrides.clock ? { clock: overrides.clock } : {}),
      ...(overrides.random ? { random: overrides.random } : {}),
      onClose: () => keys.close(),
    });
  } catch (error) {
    await keys.close();
    throw error;
  }
}
