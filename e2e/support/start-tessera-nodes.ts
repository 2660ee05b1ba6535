import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAppBundle } from '@tessera/app/bundle';
import { freePort, runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import { caInit } from '../../apps/cli/src/commands/ca-init.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TESSERA = join(ROOT, 'apps/cli/src/main.ts');
const START_MS = 90_000;

/** One `tessera start` process of the cluster. */
export interface TesseraNode {
  readonly name: string;
  readonly url: string;
  /** False once killed. */
  readonly alive: boolean;
  /** What the process printed so far. */
  output(): string;
  /** Kills the process at once (SIGKILL): no clean shutdown, whatever it was doing is cut off. */
  kill(): Promise<void>;
}

/** Several server processes on one PostgreSQL schema and one data directory (CA, server secrets). */
export interface TesseraCluster {
  readonly nodes: readonly TesseraNode[];
  /** The PostgreSQL URL of the cluster's schema, for the test's own reads. */
  readonly databaseUrl: string;
  /** The environment every node shares (an administration command run with it works on the cluster). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * What a load balancer does: sends the request to node `preferred`, or when it is dead or the connection
   * fails, to the next live node. Rejects when no node could be reached.
   */
  fetch(preferred: number, path: string, init?: RequestInit): Promise<Response>;
  /** Kills every node still running, drops the schema and removes the data directory. */
  stop(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits for `GET /health` to answer 200, or for the process to die, within START_MS. */
async function whenHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The node at ${url} exited:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The node at ${url} was not healthy within ${START_MS} ms:\n${output()}`);
}

/**
 * Starts `count` server processes as an operator would: a fresh PostgreSQL schema, one data directory whose CA
 * is created once (`tessera ca init`) before any node starts, the app bundle built once, then `tessera start` in
 * each process with its own port and the same DATABASE_URL, data directory and public URL (the address of the
 * load balancer they would sit behind). The sandbox is on (declared identities) without its simulated user.
 * Resolves once every node answers `GET /health`.
 */
export async function startTesseraNodes(
  count: number,
  env: Record<string, string> = {},
): Promise<TesseraCluster> {
  const schema = `tessera_mn_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-nodes-'));
  await runSql(`CREATE SCHEMA ${schema}`);
  const databaseUrl = `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}`;
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const shared = {
    NODE_ENV: 'development',
    TESSERA_DATA_DIR: dataDir,
    TESSERA_PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
    // Declared identities need the sandbox; its simulated user keeps its phones in one process, so none here.
    TESSERA_SANDBOX: 'on',
    TESSERA_SANDBOX_SIMULATED_USER: 'off',
    DATABASE_URL: databaseUrl,
    ...env,
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(5_000)]);
      }
    }
    await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const quiet = { env: shared, progress: 'silent' as const, write: () => {}, writeError: () => {} };
    await caInit(quiet, { responderKeyBits: '2048' });
    await ensureAppBundle();
    const nodes = ports.map((port, i): TesseraNode => {
      const child = spawn(process.execPath, ['--import', 'tsx', TESSERA, 'start'], {
        cwd: ROOT,
        env: { ...process.env, ...shared, TESSERA_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      let alive = true;
      return {
        name: String.fromCharCode(65 + i),
        url: `http://127.0.0.1:${port}`,
        get alive() {
          return alive;
        },
        output: () => output,
        async kill() {
          alive = false;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGKILL');
          await Promise.race([exited, sleep(5_000)]);
        },
      };
    });
    await Promise.all(nodes.map((node, i) => whenHealthy(node.url, children[i]!, node.output)));
    return {
      nodes,
      databaseUrl,
      env: shared,
      async fetch(preferred, path, init) {
        let failure: unknown = new Error('No node is alive.');
        for (let k = 0; k < nodes.length; k++) {
          const node = nodes[(preferred + k) % nodes.length]!;
          if (!node.alive) continue;
          try {
            return await fetch(`${node.url}${path}`, init);
          } catch (error) {
            failure = error;
          }
        }
        throw failure;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
