/** The `tessera ca` commands, run in-process with captured output, against a SoftHSM token. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSoftHsmToken, type TestToken } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { capturedIo } from './support/captured-io.js';

let token: TestToken;
let dir: string;
let env: Record<string, string>;

function io(extraEnv: Record<string, string> = {}) {
  return capturedIo({ ...env, ...extraEnv });
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(command, args, { timeout: 20_000, ...options }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

beforeAll(async () => {
  token = createSoftHsmToken('tessera-cli-test');
  dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  env = {
    NODE_ENV: 'test',
    TESSERA_DATA_DIR: join(dir, 'data'),
    TESSERA_CA_KEYS: 'pkcs11',
    TESSERA_HSM_MODULE: token.modulePath,
    TESSERA_HSM_TOKEN_LABEL: token.tokenLabel,
    TESSERA_HSM_PIN: token.pin,
    TESSERA_PUBLIC_URL: 'http://127.0.0.1:18080',
  };
  const init = io();
  expect(await runCli(['ca', 'init', '--responder-key-bits', '2048'], init)).toBe(0);
  expect(init.err).toBe('');
});

afterAll(() => {
  token?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tessera ca init', () => {
  it('creates the hierarchy in the token and writes the chain for relying parties', () => {
    const chain = join(dir, 'data', 'ca', 'ca-chain.pem');
    expect(existsSync(chain)).toBe(true);
    expect(readFileSync(chain, 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(existsSync(join(dir, 'data', 'ca', 'keys'))).toBe(false); // no software keys in PKCS#11 mode
  });

  it('refuses to run twice', async () => {
    const again = io();
    expect(await runCli(['ca', 'init'], again)).toBe(1);
    expect(again.err).toContain('A CA hierarchy already exists in this store. (CA_ALREADY_INITIALISED)');
  });

  it('refuses a wrong HSM PIN without printing it', async () => {
    const wrong = io({ TESSERA_HSM_PIN: 'not-the-pin-4711' });
    expect(await runCli(['ca', 'revoke', '01'], wrong)).toBe(1);
    expect(wrong.err).toContain('(HSM_LOGIN_FAILED)');
    expect(wrong.err + wrong.out).not.toContain('4711');
  });

  it('refuses software keys in production', async () => {
    const production = io({
      NODE_ENV: 'production',
      TESSERA_CA_KEYS: 'software',
      TESSERA_CA_POLICY: 'sandbox',
    });
    expect(await runCli(['ca', 'init'], production)).toBe(1);
    expect(production.err).toMatch(/TESSERA_CA_KEYS: software CA keys are refused when NODE_ENV=production/);
  });
});

describe('tessera ca issue and revoke', () => {
  it('issue a certificate for an openssl CSR that openssl verifies, then revoke it once', async () => {
    const key = join(dir, 'ee.key');
    const csr = join(dir, 'ee.csr');
    const cert = join(dir, 'ee.pem');
    expect(
      (
        await run('openssl', [
          'req',
          '-new',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-subj',
          '/CN=x',
          '-out',
          csr,
        ])
      ).code,
    ).toBe(0);
    const issue = io();
    const args = [
      'ca',
      'issue',
      '--csr',
      csr,
      '--level',
      'QUALIFIED',
      '--purpose',
      'SIGNING',
      '--country',
      'EE',
    ];
    args.push('--given-name', 'OK', '--surname', 'TESTNUMBER', '--semantics-id', 'PNOEE-40504040001');
    args.push(
      '--document-number',
      'PNOEE-40504040001-MOCK-Q',
      '--date-of-birth',
      '1905-04-04',
      '--out',
      cert,
    );
    expect(await runCli(args, issue), issue.err).toBe(0);
    const serial = /Issued certificate ([0-9A-F]+)/.exec(issue.out)![1]!;
    const verify = await run('openssl', [
      'verify',
      '-x509_strict',
      '-CAfile',
      join(dir, 'data', 'ca', 'ca-chain.pem'),
      cert,
    ]);
    expect(verify.out.trim()).toBe(`${cert}: OK`);

    const revoke = io();
    expect(await runCli(['ca', 'revoke', serial, '--reason', 'keyCompromise'], revoke)).toBe(0);
    expect(revoke.out).toMatch(new RegExp(`^Revoked certificate ${serial} \\(keyCompromise\\) at `));
    const again = io();
    expect(await runCli(['ca', 'revoke', serial.toLowerCase()], again)).toBe(0);
    expect(again.out).toContain(`Certificate ${serial} was already revoked`);
  });

  it('refuse a malformed CSR, an unknown serial and an unknown reason with a clear message', async () => {
    const bad = join(dir, 'bad.csr');
    writeFileSync(bad, 'garbage');
    const issue = io();
    const args = [
      'ca',
      'issue',
      '--csr',
      bad,
      '--level',
      'QUALIFIED',
      '--purpose',
      'SIGNING',
      '--country',
      'EE',
    ];
    args.push(
      '--given-name',
      'A',
      '--surname',
      'B',
      '--semantics-id',
      'PNOEE-1',
      '--document-number',
      'PNOEE-1-X',
    );
    expect(await runCli(args, issue)).toBe(1);
    expect(issue.err).toMatch(
      /^tessera: The data is not a valid DER PKCS#10 certification request\. \(MALFORMED_CSR\)/,
    );

    const unknown = io();
    expect(await runCli(['ca', 'revoke', '7EADBEEF'], unknown)).toBe(1);
    expect(unknown.err).toBe(
      'tessera: No certificate with serial 7EADBEEF was issued by this CA. (CERTIFICATE_NOT_FOUND)\n',
    );

    const reason = io();
    expect(await runCli(['ca', 'revoke', '7EADBEEF', '--reason', 'lost'], reason)).toBe(1);
    expect(reason.err).toMatch(/^tessera: --reason must be one of unspecified, keyCompromise/);
  });
});

describe('the tessera command', () => {
  it('runs as a program, showing progress and what it announces', async () => {
    const data = join(dir, 'software-data');
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'apps/cli/src/main.ts', 'ca', 'init', '--responder-key-bits', '2048'],
      {
        env: { ...process.env, NODE_ENV: 'development', TESSERA_DATA_DIR: data, TESSERA_CA_KEYS: 'software' },
        cwd: join(import.meta.dirname, '..', '..', '..'),
      },
    );
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('note: CA keys are software keys');
    expect(result.out).toMatch(/✔ Generate the root CA key \(EC P-384\) in software keys/);
    expect(result.out).toContain('✔ Save the hierarchy');
  });
});
