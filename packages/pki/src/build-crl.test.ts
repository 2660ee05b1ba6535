import { openssl, tempFiles } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, testHierarchy } from '../test/support/test-hierarchy.js';
import { type BuildCrlInput, buildCrl, encodePem, PkiError } from './index.js';

let h: TestHierarchy;
const files = tempFiles();
const thisUpdate = new Date('2026-06-01T12:00:00Z');
const nextUpdate = new Date('2026-06-02T12:00:00Z');

beforeAll(async () => {
  h = await testHierarchy();
  files.path(
    'chain.pem',
    encodePem('CERTIFICATE', h.qualified.certificate) + encodePem('CERTIFICATE', h.root.certificate),
  );
});
afterAll(() => files.cleanup());

function crlInput(over: Partial<BuildCrlInput> = {}): BuildCrlInput {
  return {
    issuerCertificate: h.qualified.certificate,
    signer: h.qualified.signer,
    thisUpdate,
    nextUpdate,
    crlNumber: 7n,
    entries: [
      {
        serialNumber: 0x7fa3c2n,
        revokedAt: new Date('2026-05-30T10:00:00Z'),
        reason: 'cessationOfOperation',
      },
      { serialNumber: 0x11n, revokedAt: new Date('2026-05-29T10:00:00Z'), reason: 'unspecified' },
    ],
    ...over,
  };
}

describe('buildCrl', () => {
  it('gives a v2 CRL that openssl verifies with the CA and reads: serials, reasons, CRL number and nextUpdate', async () => {
    const crl = await buildCrl(crlInput());
    const path = files.path('q.crl', encodePem('X509 CRL', crl));
    const r = await openssl(['crl', '-in', path, '-noout', '-text', '-CAfile', files.path('chain.pem')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('verify OK');
    expect(r.stdout).toContain('Version 2 (0x1)');
    expect(r.stdout).toContain('Issuer: CN = Tessera Test EID-Q, O = Tessera Test');
    expect(r.stdout).toContain('Last Update: Jun  1 12:00:00 2026 GMT');
    expect(r.stdout).toContain('Next Update: Jun  2 12:00:00 2026 GMT');
    expect(r.stdout).toMatch(/X509v3 CRL Number:\s+7/);
    expect(r.stdout).toContain('X509v3 Authority Key Identifier');
    expect(r.stdout).toMatch(
      /Serial Number: 7FA3C2\s+Revocation Date: May 30 10:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Cessation Of Operation/,
    );
    // `unspecified` is left off the entry, as RFC 5280 asks.
    expect(r.stdout).toMatch(
      /Serial Number: 11\s+Revocation Date: May 29 10:00:00 2026 GMT\s*(Serial|Signature)/,
    );
  });

  it('gives an empty CRL without a revokedCertificates list', async () => {
    const path = files.path('empty.crl', encodePem('X509 CRL', await buildCrl(crlInput({ entries: [] }))));
    const r = await openssl(['crl', '-in', path, '-noout', '-text', '-CAfile', files.path('chain.pem')]);
    expect(r.stderr).toContain('verify OK');
    expect(r.stdout).toContain('No Revoked Certificates.');
  });

  it('refuses a nextUpdate not after thisUpdate and a signer without the CA key', async () => {
    await expect(buildCrl(crlInput({ nextUpdate: thisUpdate }))).rejects.toMatchObject({
      code: 'INVALID_VALIDITY',
    });
    const e = await buildCrl(crlInput({ signer: h.root.signer })).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PkiError);
    expect((e as PkiError).code).toBe('SIGNER_MISMATCH');
  });
});
