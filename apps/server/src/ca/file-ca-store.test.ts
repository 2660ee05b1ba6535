import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IssuedCertificateRecord } from './ca-store.js';
import { createFileCaStore } from './file-ca-store.js';
import { createMemoryCaStore } from './memory-ca-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  ['the memory store', () => createMemoryCaStore()],
  ['the file store', () => createFileCaStore(join(dir, `${Math.random()}`, 'store.json'))],
] as const) {
  describe(name, () => {
    it('stores issued certificates, refuses a taken serial, finds them by document number', async () => {
      const store = make();
      await store.addIssued(record('0A'));
      await store.addIssued(record('0B', 'PNOEE-2-X'));
      await expect(store.addIssued(record('0A'))).rejects.toMatchObject({ code: 'SERIAL_EXISTS' });
      expect((await store.getIssued('0A'))?.serial).toBe('0A');
      expect(await store.getIssued('0C')).toBeUndefined();
      expect((await store.listIssuedByDocumentNumber('PNOEE-2-X')).map((r) => r.serial)).toEqual(['0B']);
    });

    it('revokes once, lists revocations per CA and counts CRL numbers up per CA', async () => {
      const store = make();
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
