import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import { start } from '../../apps/cli/src/commands/start.js';

/** A Tessera started as `tessera start` starts it: sandbox, the app bundle, on PostgreSQL in a fresh schema. */
export interface StartedTessera {
  readonly url: string;
  /** What `tessera start` printed. */
  readonly banner: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system in this process on a loopback port: the CA on the first run, the store on the
 * PostgreSQL at 127.0.0.1 in a schema of its own, the sandbox, the app's bundle (built when stale). `stop`
 * closes it and drops the schema and the data directory.
 */
export async function startTessera(env: Record<string, string> = {}): Promise<StartedTessera> {
  const schema = `tessera_e2e_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  await runSql(`CREATE SCHEMA ${schema}`);
  // Device links and certificates carry the public URL: the port is chosen before the start, so both agree.
  const port = await freePort();
  let banner = '';
  const io = {
    env: {
      NODE_ENV: 'development',
      TESSERA_DATA_DIR: dataDir,
      TESSERA_PORT: String(port),
      TESSERA_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}`,
      ...env,
    },
    progress: 'silent' as const,
    write: (text: string) => {
      banner += text;
    },
    writeError: (text: string) => {
      banner += text;
    },
  };
  const server = await start(io);
  return {
    url: server.url,
    get banner() {
      return banner;
    },
    async stop() {
      await server.stop();
      await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
