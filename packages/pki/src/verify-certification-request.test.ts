import { readFileSync } from 'node:fs';
import { openssl, tempFiles } from '@tessera/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { testKeyPem, testPublicKey } from '../test/support/software-signer.js';
import { testCsr } from '../test/support/test-hierarchy.js';
import { OID, PkiError, verifyCertificationRequest } from './index.js';

const files = tempFiles();
afterAll(() => files.cleanup());

async function opensslCsr(name: string, extra: string[]): Promise<Uint8Array> {
  const key = files.path(`${name}.key`, testKeyPem('rsa2048'));
  const out = files.path(`${name}.csr`);
  const r = await openssl([
    'req',
    '-new',
    '-key',
    key,
    '-subj',
    '/CN=x',
    '-outform',
    'DER',
    '-out',
    out,
    ...extra,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('verifyCertificationRequest', () => {
  it('accepts a request of its own making and returns its key byte for byte', async () => {
    const csr = await verifyCertificationRequest(await testCsr('rsa2048'));
    expect(Buffer.from(csr.publicKey)).toEqual(Buffer.from(testPublicKey('rsa2048')));
    expect(csr.signatureAlgorithm).toBe(OID.sha256WithRsa);
  });

  it('accepts requests made by openssl with PKCS#1 v1.5 (SHA-256, SHA-512) and RSASSA-PSS signatures', async () => {
    const cases: [string, string[], string][] = [
      ['sha256', ['-sha256'], OID.sha256WithRsa],
      ['sha512', ['-sha512'], OID.sha512WithRsa],
      ['pss', ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'], OID.rsassaPss],
    ];
    for (const [name, args, algorithm] of cases) {
      const csr = await verifyCertificationRequest(await opensslCsr(name, args));
      expect(csr.signatureAlgorithm).toBe(algorithm);
    }
  });

  it('refuses a SHA-1 signed request with UNSUPPORTED_ALGORITHM', async () => {
    const e = await verifyCertificationRequest(await opensslCsr('sha1', ['-sha1'])).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(PkiError);
    expect((e as PkiError).code).toBe('UNSUPPORTED_ALGORITHM');
  });

  it('refuses a PSS request whose signature was altered with CSR_SIGNATURE_INVALID', async () => {
    const der = await opensslCsr('pss-bad', ['-sha256', '-sigopt', 'rsa_padding_mode:pss']);
    der[der.length - 1]! ^= 0x80;
    await expect(verifyCertificationRequest(der)).rejects.toMatchObject({ code: 'CSR_SIGNATURE_INVALID' });
  });
});
