import { beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, testCsr, testHierarchy } from '../test/support/test-hierarchy.js';
import {
  issueCertificate,
  OID,
  PkiError,
  readCertificateContents,
  sandboxPolicy,
  selectEndEntityProfile,
} from './index.js';

let h: TestHierarchy;
const subject = {
  country: 'EE',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  semanticsIdentifier: 'PNOEE-40504040001',
  documentNumber: 'PNOEE-40504040001-MOCK-Q',
  dateOfBirth: '1905-04-04',
};

beforeAll(async () => {
  h = await testHierarchy();
});

async function issue(purpose: 'AUTHENTICATION' | 'SIGNING', dateOfBirth?: string) {
  return issueCertificate({
    csr: await testCsr('rsa2048'),
    subject: dateOfBirth === undefined ? { ...subject, dateOfBirth: undefined } : { ...subject, dateOfBirth },
    profile: selectEndEntityProfile(sandboxPolicy, 'QUALIFIED', purpose),
    issuer: h.qualified.issuer,
    serial: 0x1234n,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
    signer: h.qualified.signer,
  });
}

describe('readCertificateContents', () => {
  it('reads the subject, document number, policies, purposes, date of birth and AIA of an authentication certificate', async () => {
    const contents = readCertificateContents(await issue('AUTHENTICATION', '1905-04-04'));
    expect(contents.subject.map((a) => [a.type, a.value])).toEqual([
      ['C', 'EE'],
      ['CN', 'TESTNUMBER,OK'],
      ['SN', 'TESTNUMBER'],
      ['GN', 'OK'],
      ['serialNumber', 'PNOEE-40504040001'],
    ]);
    expect(contents.documentNumber).toBe('PNOEE-40504040001-MOCK-Q');
    expect(contents.policies).toEqual([OID.smartIdSchemeQualified, OID.etsiNcpPlus]);
    expect(contents.extendedKeyUsage).toEqual([OID.smartIdAuthentication]);
    expect([...(contents.parsed.keyUsage ?? [])]).toEqual(['digitalSignature']);
    expect(contents.qcStatements).toEqual([]);
    expect(contents.dateOfBirth).toBe('1905-04-04');
    expect(contents.ocspUrl).toBe('http://127.0.0.1:8080/pki/ocsp');
    expect(contents.caIssuersUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/pki\/ca\/.+\.der$/);
  });

  it('reads the QC statements and QcType of a qualified signing certificate, and no date of birth when none was issued', async () => {
    const contents = readCertificateContents(await issue('SIGNING'));
    expect(contents.policies).toEqual([OID.smartIdSchemeQualified, OID.etsiQcpNQscd]);
    expect([...(contents.parsed.keyUsage ?? [])]).toEqual(['nonRepudiation']);
    expect(contents.qcStatements).toContain(OID.qcCompliance);
    expect(contents.qcStatements).toContain(OID.qcType);
    expect(contents.qcTypes).toEqual([OID.qcTypeEsign]);
    expect(contents.dateOfBirth).toBeUndefined();
  });

  it('refuses bytes that are not a certificate with MALFORMED_CERTIFICATE', () => {
    expect(() => readCertificateContents(new Uint8Array([0x30, 0x03, 1, 2, 3]))).toThrow(PkiError);
  });
});
