/**
 * `DATABASE_URL=postgres://…` switches `tessera start` from the embedded PGlite to PostgreSQL with the same
 * migrations: here the PostgreSQL at 127.0.0.1:5432, in a fresh schema (chosen by the URL's search_path).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../src/commands/start.js';
import { runCli } from '../src/main.js';
import { capturedIo } from './support/captured-io.js';
import { startAnonymousLogin } from './support/start-anonymous-login.js';

const schema = `tessera_start_${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-start-pg-'));
const deviceDir = mkdtempSync(join(tmpdir(), 'tessera-start-pg-device-'));
const env = {
  NODE_ENV: 'development',
  TESSERA_DATA_DIR: dataDir,
  TESSERA_PORT: '0',
  DATABASE_URL: `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}`,
};
let server: { url: string; stop(): Promise<void> };
const serverIo = capturedIo(env);

beforeAll(async () => {
  await runSql(`CREATE SCHEMA ${schema}`);
  server = await start(serverIo);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(deviceDir, { recursive: true, force: true });
});

describe('tessera start with DATABASE_URL', () => {
  it('says it runs on PostgreSQL, migrates the schema, and serves a device enrolment', async () => {
    expect(serverIo.out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(PostgreSQL\)/);
    const io = capturedIo(env);
    const code = await runCli(
      [
        'device',
        'enrol',
        '--dir',
        deviceDir,
        '--server',
        server.url,
        '--identity',
        'PNOEE-30303039914',
        '--given-name',
        'OK',
        '--surname',
        'TESTNUMBER',
        '--date-of-birth',
        '1903-03-03',
        '--pin1',
        '1357',
        '--pin2',
        '24680',
        '--key-bits',
        '2048',
      ],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    // Beside the sandbox's scripted test accounts, which the server enrols in the background.
    const rows = await runSql(
      `SELECT document_number FROM ${schema}.accounts WHERE document_number LIKE 'PNOEE-30303039914-%'`,
    );
    expect(rows.map((r) => r.document_number)).toEqual([expect.stringMatching(/^PNOEE-30303039914-....-Q$/)]);
  }, 60_000);

  it('logs a failed request to standard error as a JSON line, without the row at fault', async () => {
    expect(serverIo.out).toMatch(/log\s+standard error, JSON lines from level warn \(TESSERA_LOG_LEVEL\)/);
    // The unsafe development defaults are told once, to the person at the terminal, not again in the log.
    expect(serverIo.out).toContain('note: CA keys are software keys');
    expect(serverIo.err).toBe('');
    // The database refuses every new session: the request fails with a 500 problem, and the log says why. What
    // PostgreSQL says of the refused row (its every column: the session secret, the RP's challenge) stays out.
    await runSql(`ALTER TABLE ${schema}.rp_sessions ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    const rpChallenge = Buffer.alloc(32, 7).toString('base64');
    const res = await startAnonymousLogin(server.url, rpChallenge);
    expect(res.status).toBe(500);
    const entries = serverIo.err
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: Record<string, unknown> });
    expect(entries).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'RP API request failed',
        err: expect.objectContaining({
          message: expect.stringContaining('"refuse_all"'),
          detail: '[Redacted]',
        }),
      }),
    ]);
    expect(serverIo.err).not.toContain('Failing row');
    expect(serverIo.err).not.toContain(rpChallenge);
  });
});
