/** A software-key CA hierarchy for tests that do not need the token: fast, in a temporary data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import { sandboxPolicy } from '@tessera/pki';
import type { CaStore } from '../../src/ca/ca-store.js';
import { createFileCaStore } from '../../src/ca/file-ca-store.js';
import { initCaHierarchy } from '../../src/ca/init-ca-hierarchy.js';
import type { KeyBackend } from '../../src/ca/key-backend.js';
import {
  type CertificateAuthority,
  openCertificateAuthority,
} from '../../src/ca/open-certificate-authority.js';
import { openSoftwareKeyBackend } from '../../src/ca/software-key-backend.js';
import type { Clock } from '../../src/clock.js';

export const TEST_PUBLIC_URL = 'http://127.0.0.1:8080';

/** A settable clock. */
export function testClock(start: Date): Clock & { set(date: Date): void } {
  let now = start;
  return { now: () => now, set: (d) => (now = d) };
}

/** A software-key hierarchy in a temporary data directory with a file store. */
export interface SoftwareCa {
  readonly dataDir: string;
  readonly storePath: string;
  readonly keys: KeyBackend;
  readonly store: CaStore;
  open(options?: { clock?: Clock; store?: CaStore }): Promise<CertificateAuthority>;
  cleanup(): Promise<void>;
}

/** Creates the hierarchy (responders RSA 2048) at `clock`'s time. */
export async function createSoftwareCa(clock: Clock): Promise<SoftwareCa> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-ca-'));
  const storePath = join(dataDir, 'ca', 'store.json');
  const keys = await openSoftwareKeyBackend(join(dataDir, 'ca', 'keys'));
  const store = createFileCaStore(storePath);
  await initCaHierarchy({
    store,
    keys,
    policy: sandboxPolicy,
    publicUrl: TEST_PUBLIC_URL,
    clock,
    random: systemRandom,
    responderKeyAlgorithm: 'RSA_2048',
  });
  return {
    dataDir,
    storePath,
    keys,
    store,
    open: (options = {}) =>
      openCertificateAuthority({
        store: options.store ?? store,
        keys,
        policy: sandboxPolicy,
        publicUrl: TEST_PUBLIC_URL,
        clock: options.clock ?? clock,
      }),
    cleanup: async () => {
      await keys.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
