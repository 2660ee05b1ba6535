import type { RandomSource } from '@tessera/crypto';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { CaStore } from './ca-store.js';
import { openCaStoreFromConfig } from './open-ca-store-from-config.js';
import { type CertificateAuthority, openCertificateAuthority } from './open-certificate-authority.js';
import { openKeyBackend } from './open-key-backend.js';

/**
 * Opens the CA the configuration describes (its records where `openCaStoreFromConfig` keeps them unless a store
 * is given, keys from the configured backend); its close() closes the key backend and what the store opened.
 */
export async function openCertificateAuthorityFromConfig(
  config: ServerConfig,
  overrides: { store?: CaStore; clock?: Clock; random?: RandomSource } = {},
): Promise<CertificateAuthority> {
  const records =
    overrides.store === undefined
      ? await openCaStoreFromConfig(config)
      : { store: overrides.store, close: async () => {} };
  const keys = await openKeyBackend(config).catch(async (error) => {
    await records.close();
    throw error;
  });
  const closeBoth = async () => {
    await keys.close();
    await records.close();
  };
  try {
    return await openCertificateAuthority({
      store: records.store,
      keys,
      policy: config.ca.policy,
      publicUrl: config.publicUrl,
      ...(overrides.clock ? { clock: overrides.clock } : {}),
      ...(overrides.random ? { random: overrides.random } : {}),
      onClose: closeBoth,
    });
  } catch (error) {
    await closeBoth();
    throw error;
  }
}
