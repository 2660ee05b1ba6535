/**
 * The SDK README's examples, run as written against a sandbox server: each `ts` block, with the README's server
 * address replaced by the test server's, is imported as a module and its console output checked.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCRIPTED_TEST_ACCOUNTS } from '../../src/sandbox/scripted-test-accounts.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const README_ACCOUNTS = ['PNOEE-50001029996-DEMO-Q', 'PNOEE-40404040009-MOCK-Q', 'PNOLV-020100-29990-MOCK-Q'];
let server: TestIdentityServer;
let dir: string;
let examples: string[];

beforeAll(async () => {
  server = await startTestIdentityServer({}, 'pglite', {
    scriptedAccounts: SCRIPTED_TEST_ACCOUNTS.filter((a) => README_ACCOUNTS.includes(a.documentNumber)),
  });
  // Inside the repository, so that `@tessera/rp-client` resolves as it does for an integrator's workspace.
  dir = await mkdtemp(join(ROOT, 'node_modules', '.cache-readme-examples-'));
  const readme = await readFile(join(ROOT, 'packages/rp-client/README.md'), 'utf8');
  examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}, 180_000);
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function run(index: number): Promise<string[]> {
  const file = join(dir, `example-${index}.ts`);
  await writeFile(file, examples[index]!.replaceAll('http://127.0.0.1:8080', server.url));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ file);
    return log.mock.calls.map((call) => call.join(' '));
  } finally {
    log.mockRestore();
  }
}

describe('the rp-client README', () => {
  it('has the five examples this test knows', () => {
    expect(examples).toHaveLength(5);
  });

  it('creates a client', async () => {
    expect(await run(0)).toEqual([]);
  });

  it('logs in with a notification', async () => {
    const lines = await run(1);
    expect(lines[0]).toMatch(/^Check that your phone shows \d{4}\.$/);
    expect(lines[1]).toBe('Logged in: OK TESTNUMBER, born 2000-01-02, with PNOEE-50001029996-DEMO-Q.');
  });

  it('logs in with a QR code', async () => {
    const lines = await run(2);
    expect(lines).toContain('Welcome, OK.');
    expect(lines.at(-1)).toMatch(/^The first QR code was \d+ bytes of SVG\.$/);
  });

  it('signs a document', async () => {
    const lines = await run(3);
    expect(lines[0]).toMatch(/^Check that your phone shows \d{4}\.$/);
    expect(lines[1]).toMatch(/^rsassa-pss signature by TESTNUMBER: .{16}…$/);
  });

  it('says who must act when things fail', async () => {
    expect(await run(4)).toEqual([
      expect.stringMatching(
        /^ACCOUNT_NOT_FOUND \(for the account to act on\): The person has no suitable account/,
      ),
    ]);
  });
});
