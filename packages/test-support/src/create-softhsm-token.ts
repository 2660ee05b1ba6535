/**
 * An isolated SoftHSMv2 for tests: a temporary token directory with its own softhsm2.conf, selected through
 * SOFTHSM2_CONF for this process (and the tools it starts), and a token initialised with softhsm2-util.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** A token in an isolated SoftHSM. */
export interface TestToken {
  readonly modulePath: string;
  readonly tokenLabel: string;
  readonly pin: string;
  readonly confPath: string;
  cleanup(): void;
}

/** Creates the isolated SoftHSM (once per process) and initialises a token labelled `label` in it. */
export function createSoftHsmToken(label = 'tessera-test'): TestToken {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const confPath = join(dir, 'softhsm2.conf');
  writeFileSync(
    confPath,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = confPath;
  const pin = '1234-test';
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '5678-test'],
    { env: { ...process.env, SOFTHSM2_CONF: confPath }, stdio: 'pipe', timeout: 10_000 },
  );
  return {
    modulePath: SOFTHSM_MODULE,
    tokenLabel: label,
    pin,
    confPath,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
