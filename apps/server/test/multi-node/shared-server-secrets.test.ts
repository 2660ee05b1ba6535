/**
 * Server processes sharing one data directory share one set of server secrets: when they start at once on an
 * empty directory, exactly one creates the file and every one of them uses it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openSoftwareServerSecrets } from '../../src/app-api/open-software-server-secrets.js';
import { testConfig } from '../support/test-config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('software server secrets in a shared data directory', () => {
  it('are created once when several processes start at once, and all of them use the same keys', async () => {
    const config = testConfig({ TESSERA_DATA_DIR: dataDir });
    const opened = await Promise.all(
      Array.from({ length: 4 }, () => openSoftwareServerSecrets(config, systemRandom)),
    );
    const keys = opened.map((s) => JSON.stringify(s.envelopePublicKeyJwk));
    expect(new Set(keys).size).toBe(1);
    const wrapped = await opened[0]!.vault.wrap(123456789n, 'key-1');
    for (const secrets of opened) expect(await secrets.vault.unwrap(wrapped, 'key-1')).toBe(123456789n);
    expect(readdirSync(dataDir)).toEqual(['server-secrets.json']);
  });
});
