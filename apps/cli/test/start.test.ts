import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnonymousLogin } from './support/start-anonymous-login.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-start-'));
let child: ChildProcess;
let output = '';
let base = '';

/** Starts `tessera start` on a free loopback port and waits for its banner. */
beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', main, 'start'], {
    env: { ...process.env, NODE_ENV: 'development', TESSERA_DATA_DIR: dataDir, TESSERA_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
}, 90_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('tessera start', () => {
  it('creates the CA on the first run, announces the sandbox, and says where everything is', () => {
    expect(output).toContain('First run: creating the certificate authority.');
    expect(output).toContain('SANDBOX MODE');
    expect(output).toMatch(/RP API v3\s+http:\/\/127\.0\.0\.1:8080\/v3/);
    expect(output).toMatch(/API docs\s+http:\/\/127\.0\.0\.1:8080\/docs/);
    expect(output).toMatch(/mock device link\s+http:\/\/127\.0\.0\.1:8080\/mock\/device-link/);
    expect(output).toMatch(/metrics\s+http:\/\/127\.0\.0\.1:8080\/metrics/);
  });

  it('serves the RP API with the demo relying party, the CA chain and the API docs over real HTTP', async () => {
    const created = await startAnonymousLogin(base, Buffer.alloc(32, 7).toString('base64'));
    expect(created.status).toBe(200);
    const { sessionID } = (await created.json()) as { sessionID: string };
    const status = await fetch(`${base}/v3/session/${sessionID}?timeoutMs=1000`);
    expect(await status.json()).toEqual({ state: 'RUNNING' });
    expect((await fetch(`${base}/pki/ca-chain.pem`)).status).toBe(200);
    const docs = (await (await fetch(`${base}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/v3/authentication/device-link/anonymous',
        '/v3/session/{sessionId}',
        '/pki/ocsp',
      ]),
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopping.');
  });
});
