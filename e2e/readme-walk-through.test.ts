/**
 * The README walk-through, as a newcomer runs it: `tessera start` on a fresh data directory, a headless device
 * enrolling, the demo relying party's QR login answered from the PNG of the QR code, and its notification
 * login answered by `tessera device wait` with the same verification code. Every program runs as its own
 * process with the same entry points as the README's npm scripts (from the repository root, as npm runs them).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const TESSERA = join(root, 'apps/cli/src/main.ts');
const DEMO_RP = join(root, 'apps/demo-rp/src/main.ts');
const work = mkdtempSync(join(tmpdir(), 'tessera-walk-through-'));
const device = join(work, 'my-device');
const png = join(work, 'qr.png');
const env = {
  ...process.env,
  NODE_ENV: 'development',
  TESSERA_DATA_DIR: join(work, 'data'),
  TESSERA_PORT: '0',
};
const children: ChildProcess[] = [];
let server = '';

/** A running program whose output the test reads as it comes. */
function launch(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`)), ms);
      const check = () => {
        const m = pattern.exec(output);
        if (m) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(m);
        }
      };
      child.stdout!.on('data', check);
      check();
    });
  return { waitFor, exited, output: () => output };
}

/** Runs a program to its end. */
async function run(script: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      {
        cwd: root,
        env,
        timeout: 120_000,
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  const started = launch(TESSERA, ['start']);
  server = (await started.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 120_000))[1]!;
}, 150_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('the README walk-through', () => {
  it('enrols a headless device', async () => {
    const enrolled = await run(TESSERA, [
      'device',
      'enrol',
      '--dir',
      device,
      '--server',
      server,
      '--identity',
      'PNOEE-30303039914',
      '--given-name',
      'MARY',
      '--surname',
      'SMITH',
      '--date-of-birth',
      '1990-03-03',
      '--pin1',
      '1234',
      '--pin2',
      '12345',
    ]);
    expect(enrolled.out).toMatch(/Enrolled PNOEE-30303039914-[A-Z2-9]{4}-Q\./);
    expect(enrolled.code).toBe(0);
  }, 120_000);

  it('logs in with the QR code the demo relying party shows, read from its PNG', async () => {
    const rp = launch(DEMO_RP, ['login', 'qr', '--server', server, '--png', png]);
    await rp.waitFor(/device link: /);
    const answered = await run(TESSERA, ['device', 'open', '--dir', device, png, '--pin', '1234']);
    expect(answered.out).toContain('DEMO asks PNOEE-30303039914-');
    expect(answered.out).toContain('Confirmed.');
    await rp.waitFor(/logged in: MARY SMITH \(PNOEE-30303039914-[A-Z2-9]{4}-Q\)/);
    expect(await rp.exited).toBe(0);
  }, 120_000);

  it('logs in by notification: the device shows the code the relying party shows', async () => {
    const rp = launch(DEMO_RP, ['login', 'notification', '--server', server, '--etsi', 'PNOEE-30303039914']);
    const [, code] = await rp.waitFor(/verification code: (\d{4})/);
    const answered = await run(TESSERA, [
      'device',
      'wait',
      '--dir',
      device,
      '--pin',
      '1234',
      '--timeout-s',
      '30',
    ]);
    expect(answered.out).toContain(`verification code: ${code}`);
    expect(answered.out).toContain('Confirmed.');
    await rp.waitFor(/logged in: MARY SMITH/);
    expect(await rp.exited).toBe(0);
  }, 120_000);

  it('lists the account with both PINs open', async () => {
    const accounts = await run(TESSERA, ['device', 'accounts', '--dir', device]);
    expect(accounts.out).toMatch(/PNOEE-30303039914-....-Q {2}MARY SMITH {2}QUALIFIED/);
    expect(accounts.out).toContain('PIN1: open, 3 attempt(s) before a lock');
  }, 60_000);
});
