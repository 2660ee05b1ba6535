import { openStore, type Store } from '@tessera/store';
import type { ServerConfig } from './config.js';

/**
 * The store the configuration names: PostgreSQL with DATABASE_URL, otherwise embedded PGlite in `<dataDir>/db`.
 * PGlite serves one process at a time: administer it with the server stopped (PostgreSQL has no such limit).
 */
export function openStoreFromConfig(config: ServerConfig): Promise<Store> {
  return openStore(
    config.database.url === undefined ? { dataDir: config.database.pgliteDir } : { url: config.database.url },
  );
}
