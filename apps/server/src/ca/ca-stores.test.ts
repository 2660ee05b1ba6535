import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@tessera/store';
import { runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/test-config.js';
import type { CaStore, HierarchyRecord, IssuedCertificateRecord } from './ca-store.js';
import { createFileCaStore } from './file-ca-store.js';
import { createMemoryCaStore } from './memory-ca-store.js';
import { openCaStoreFromConfig } from './open-ca-store-from-config.js';
import { createSqlCaStore } from './sql-ca-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-store-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh schema, dropped after the file's tests. */
async function freshSchema(): Promise<string> {
  const schema = `tessera_ca_${randomBytes(6).toString('hex')}`;
  await runSql(`CREATE SCHEMA ${schema}`);
  cleanups.push(async () => {
    await runSql(`DROP SCHEMA ${schema} CASCADE`);
  });
  return schema;
}

/** `count` SQL CA stores over one fresh schema, each on its own connection pool (as on several nodes). */
async function sqlStores(count: number): Promise<CaStore[]> {
  const schema = await freshSchema();
  const stores = [];
  for (let i = 0; i < count; i++) {
    const store = await openStore({ url: TEST_DATABASE_URL, schema });
    cleanups.unshift(() => store.close());
    stores.push(createSqlCaStore(store.db));
  }
  return stores;
}

const hierarchy: HierarchyRecord = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  keyBackend: 'software',
  policyName: 'test',
  authorities: [{ name: 'root', certificate: 'MAA=', key: { backend: 'software', label: 'root' } }],
};

const record = (serial: string, documentNumber = 'PNOEE-1-X'): IssuedCertificateRecord => ({
  serial,
  issuer: 'qualified',
  kind: 'END_ENTITY',
  documentNumber,
  issuedAt: '2026-01-01T00:00:00.000Z',
  notAfter: '2029-01-01T00:00:00.000Z',
  certificate: 'MAA=',
});

for (const [name, make] of [
  ['the memory store', async () => createMemoryCaStore()],
  ['the file store', async () => createFileCaStore(join(dir, `${Math.random()}`, 'store.json'))],
  ['the PostgreSQL store', async () => (await sqlStores(1))[0]!],
] as const) {
  describe(name, () => {
    it('keeps the hierarchy it was given', async () => {
      const store = await make();
      expect(await store.loadHierarchy()).toBeUndefined();
      await store.saveHierarchy(hierarchy);
      expect(await store.loadHierarchy()).toEqual(hierarchy);
    });

    it('stores issued certificates, refuses a taken serial, finds them by document number', async () => {
      const store = await make();
      await store.addIssued(record('0A'));
      await store.addIssued(record('0B', 'PNOEE-2-X'));
      await expect(store.addIssued(record('0A'))).rejects.toMatchObject({ code: 'SERIAL_EXISTS' });
      expect((await store.getIssued('0A'))?.serial).toBe('0A');
      expect(await store.getIssued('0C')).toBeUndefined();
      expect((await store.listIssuedByDocumentNumber('PNOEE-2-X')).map((r) => r.serial)).toEqual(['0B']);
    });

    it('revokes once, lists revocations per CA and counts CRL numbers up per CA', async () => {
      const store = await make();
      await store.addIssued(record('0A'));
      expect(
        await store.revoke('0C', { revokedAt: '2026-02-01T00:00:00.000Z', reason: 'unspecified' }),
      ).toBeUndefined();
      await store.revoke('0A', { revokedAt: '2026-02-01T00:00:00.000Z', reason: 'keyCompromise' });
      const again = await store.revoke('0A', { revokedAt: '2026-03-01T00:00:00.000Z', reason: 'superseded' });
      expect(again?.revocation).toEqual({ revokedAt: '2026-02-01T00:00:00.000Z', reason: 'keyCompromise' });
      expect((await store.listRevoked('qualified')).map((r) => r.serial)).toEqual(['0A']);
      expect(await store.listRevoked('advanced')).toEqual([]);
      expect([
        await store.nextCrlNumber('qualified'),
        await store.nextCrlNumber('qualified'),
        await store.nextCrlNumber('root'),
      ]).toEqual([1n, 2n, 1n]);
    });
  });
}

describe('the file store', () => {
  it('is shared by two instances on one file (server and CLI), including concurrent writes', async () => {
    const path = join(dir, 'shared', 'store.json');
    const a = createFileCaStore(path);
    const b = createFileCaStore(path);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.addIssued(record(`A${i}`))),
      ...Array.from({ length: 10 }, (_, i) => b.addIssued(record(`B${i}`))),
    ]);
    expect((await a.listIssuedByDocumentNumber('PNOEE-1-X')).length).toBe(20);
    await b.revoke('A3', { revokedAt: '2026-02-01T00:00:00.000Z', reason: 'unspecified' });
    expect((await a.getIssued('A3'))?.revocation?.reason).toBe('unspecified');
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
  });

  it('refuses a file that is not a CA store with STORE_CORRUPT', async () => {
    const path = join(dir, 'corrupt.json');
    writeFileSync(path, '{"hello":');
    await expect(createFileCaStore(path).loadHierarchy()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    writeFileSync(path, '{"version":2}');
    await expect(createFileCaStore(path).getIssued('0A')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});

describe('the PostgreSQL store', () => {
  it('is shared by several nodes: concurrent issues, one first revocation, one sequence of CRL numbers', async () => {
    const [a, b] = await sqlStores(2);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a!.addIssued(record(`A${i}`))),
      ...Array.from({ length: 10 }, (_, i) => b!.addIssued(record(`B${i}`))),
    ]);
    expect((await a!.listIssuedByDocumentNumber('PNOEE-1-X')).length).toBe(20);
    const revocations = await Promise.all(
      (['keyCompromise', 'superseded'] as const).map((reason, i) =>
        (i === 0 ? a! : b!).revoke('A3', { revokedAt: `2026-02-0${i + 1}T00:00:00.000Z`, reason }),
      ),
    );
    expect(revocations[0]!.revocation).toEqual(revocations[1]!.revocation);
    expect((await b!.listRevoked('qualified')).map((r) => r.revocation)).toEqual([
      revocations[0]!.revocation,
    ]);
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a! : b!).nextCrlNumber('qualified')),
    );
    expect(numbers.sort((x, y) => Number(x - y))).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(i + 1)),
    );
  });
});

describe('the CA store a configuration names', () => {
  const file = (dataDir: string) => createFileCaStore(join(dataDir, 'ca', 'store.json'));

  /** A data directory whose CA store file holds a hierarchy, three certificates (one revoked) and CRL numbers. */
  async function dataDirWithStoreFile(): Promise<string> {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const store = file(dataDir);
    await store.saveHierarchy(hierarchy);
    for (const serial of ['0A', '0B', '0C']) await store.addIssued(record(serial));
    await store.revoke('0B', { revokedAt: '2026-02-01T00:00:00.000Z', reason: 'keyCompromise' });
    await store.nextCrlNumber('qualified');
    await store.nextCrlNumber('qualified');
    return dataDir;
  }

  it('is the file in the data directory with the embedded database', async () => {
    const dataDir = await dataDirWithStoreFile();
    const records = await openCaStoreFromConfig(testConfig({ TESSERA_DATA_DIR: dataDir }));
    expect(await records.store.loadHierarchy()).toEqual(hierarchy);
    await records.close();
    expect(existsSync(join(dataDir, 'ca', 'store.json'))).toBe(true);
  });

  it('is PostgreSQL with DATABASE_URL, into which a store file left by an earlier version is imported once', async () => {
    const dataDir = await dataDirWithStoreFile();
    const schema = await freshSchema();
    const config = testConfig({
      TESSERA_DATA_DIR: dataDir,
      DATABASE_URL: `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}`,
    });
    // Two nodes starting at once: one imports, the other finds the hierarchy.
    const [first, second] = await Promise.all([openCaStoreFromConfig(config), openCaStoreFromConfig(config)]);
    try {
      for (const records of [first!, second!]) {
        expect(await records.store.loadHierarchy()).toEqual(hierarchy);
        expect((await records.store.listIssuedByDocumentNumber('PNOEE-1-X')).map((r) => r.serial)).toEqual([
          '0A',
          '0B',
          '0C',
        ]);
        expect((await records.store.listRevoked('qualified')).map((r) => r.serial)).toEqual(['0B']);
      }
      expect(await first!.store.nextCrlNumber('qualified')).toBe(3n);
      expect(existsSync(join(dataDir, 'ca', 'store.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'ca', 'store.json.imported'))).toBe(true);
    } finally {
      await first!.close();
      await second!.close();
    }
    // Opened again, with a store file back in place: nothing is imported over the database.
    await file(dataDir).addIssued(record('0D'));
    const again = await openCaStoreFromConfig(config);
    try {
      expect((await again.store.listIssuedByDocumentNumber('PNOEE-1-X')).length).toBe(3);
    } finally {
      await again.close();
    }
  });
});
