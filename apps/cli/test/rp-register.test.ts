import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openStoreFromConfig } from '@tessera/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { capturedIo } from './support/captured-io.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-rp-'));
const env = { NODE_ENV: 'test', TESSERA_DATA_DIR: dataDir };

const io = () => capturedIo(env);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('tessera rp register', () => {
  it('registers a relying party in the configured store, and replaces it when run again', async () => {
    const uuid = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const first = io();
    const args = [
      'rp',
      'register',
      '--uuid',
      uuid,
      '--name',
      'Example Bank',
      '--name',
      'EB',
      '--source',
      '203.0.113.0/24',
    ];
    expect(await runCli([...args, '--advanced', '--broker', 'Broker Ltd'], first)).toBe(0);
    expect(first.out).toContain(`Registered relying party ${uuid}: Example Bank, EB; from 203.0.113.0/24`);
    expect(await runCli([...args, '--source', '2001:db8::7'], io())).toBe(0);

    const store = await openStoreFromConfig(loadConfig(env));
    try {
      expect(await store.relyingParties.get(uuid)).toEqual({
        id: uuid,
        names: ['Example Bank', 'EB'],
        allowedSources: ['203.0.113.0/24', '2001:db8::7'],
        permissions: { advancedAccounts: false, shareDeviceIpAddress: false },
      });
    } finally {
      await store.close();
    }
  });

  it('makes a UUID when none is given', async () => {
    const out = io();
    expect(await runCli(['rp', 'register', '--name', 'Shop', '--source', '*'], out)).toBe(0);
    expect(out.out).toMatch(/Registered relying party [0-9a-f-]{36}: Shop; from \*/);
  });

  it('refuses bad input with one sentence naming the option, and stores nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--uuid', 'not-a-uuid', '--name', 'X', '--source', '*'], /--uuid "not-a-uuid" is not a UUID/],
      [['--source', '*'], /at least one --name/],
      [['--name', 'A name far longer than thirty-two bytes', '--source', '*'], /1 to 32 bytes/],
      [['--name', 'X'], /at least one --source/],
      [['--name', 'X', '--source', '10.0.0.0/33'], /--source "10\.0\.0\.0\/33" is not an address/],
    ];
    for (const [args, message] of cases) {
      const out = io();
      expect(await runCli(['rp', 'register', ...args], out)).toBe(1);
      expect(out.err).toMatch(/^tessera: /);
      expect(out.err).toMatch(message);
      expect(out.err).not.toContain('    at ');
    }
  });
});
