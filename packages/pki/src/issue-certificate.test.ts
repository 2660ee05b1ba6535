import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { openssl, tempFiles } from '@tessera/test-support';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, testCsr, testHierarchy } from '../test/support/test-hierarchy.js';
import {
  type CertificateLevel,
  type CertificatePurpose,
  type DeploymentPolicy,
  encodePem,
  type IssueCertificateInput,
  issueCertificate,
  PkiError,
  parseCertificate,
  type SubjectIdentity,
  sandboxPolicy,
  selectEndEntityProfile,
} from './index.js';

const identity: SubjectIdentity = {
  country: 'EE',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  semanticsIdentifier: 'PNOEE-40504040001',
  documentNumber: 'PNOEE-40504040001-MOCK-Q',
  dateOfBirth: '1905-04-04',
};
const notBefore = new Date('2026-01-15T10:00:00Z');
const notAfter = new Date('2029-01-15T10:00:00Z');

// Expectations written out from the RP API digest §6.4–6.5, not read from the implementation's tables.
const EXPECTED: Record<
  CertificateLevel,
  Record<CertificatePurpose, { policies: string[]; keyUsage: number; eku?: string[]; qc: string[] }>
> = {
  QUALIFIED: {
    AUTHENTICATION: {
      policies: ['1.3.6.1.4.1.10015.17.2', '0.4.0.2042.1.2'],
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      eku: ['1.3.6.1.4.1.62306.5.7.0'],
      qc: [],
    },
    SIGNING: {
      policies: ['1.3.6.1.4.1.10015.17.2', '0.4.0.194112.1.2'],
      keyUsage: x509.KeyUsageFlags.nonRepudiation,
      qc: ['1.3.6.1.5.5.7.11.2', '0.4.0.1862.1.1', '0.4.0.1862.1.4', '0.4.0.1862.1.6', '0.4.0.1862.1.5'],
    },
  },
  ADVANCED: {
    AUTHENTICATION: {
      policies: ['1.3.6.1.4.1.10015.17.1', '0.4.0.2042.1.1'],
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      eku: ['1.3.6.1.4.1.62306.5.7.0'],
      qc: [],
    },
    SIGNING: {
      policies: ['1.3.6.1.4.1.10015.17.1', '0.4.0.2042.1.1'],
      keyUsage: x509.KeyUsageFlags.nonRepudiation,
      qc: ['1.3.6.1.5.5.7.11.2'],
    },
  },
};

let h: TestHierarchy;
let csr2048: Uint8Array<ArrayBuffer>;
const files = tempFiles();

beforeAll(async () => {
  h = await testHierarchy();
  csr2048 = await testCsr('rsa2048');
});
afterAll(() => files.cleanup());

function input(
  level: CertificateLevel,
  purpose: CertificatePurpose,
  over: Partial<IssueCertificateInput> = {},
) {
  const ca = level === 'QUALIFIED' ? h.qualified : h.advanced;
  return {
    csr: csr2048,
    subject: identity,
    profile: selectEndEntityProfile(sandboxPolicy, level, purpose),
    issuer: ca.issuer,
    serial: 0x5eed1234n,
    notBefore,
    notAfter,
    signer: ca.signer,
    ...over,
  };
}

/** The ASN.1 universal tag number of each subject attribute value, in order. */
function subjectValueTags(der: Uint8Array<ArrayBuffer>): [string, number, string][] {
  const cert = pkijs.Certificate.fromBER(der);
  return cert.subject.typesAndValues.map((tv) => [
    tv.type,
    tv.value.idBlock.tagNumber,
    tv.value.valueBlock.value,
  ]);
}

function extension(der: Uint8Array<ArrayBuffer>, oid: string): pkijs.Extension | undefined {
  return pkijs.Certificate.fromBER(der).extensions?.find((e) => e.extnID === oid);
}

describe('issueCertificate', () => {
  for (const level of ['QUALIFIED', 'ADVANCED'] as const) {
    for (const purpose of ['AUTHENTICATION', 'SIGNING'] as const) {
      describe(`a ${level} ${purpose} certificate`, () => {
        let der: Uint8Array<ArrayBuffer>;
        let cert: x509.X509Certificate;
        const expected = EXPECTED[level][purpose];
        beforeAll(async () => {
          der = await issueCertificate(input(level, purpose));
          cert = new x509.X509Certificate(der);
        });

        it('has the Smart-ID subject: C, CN "SURNAME,GIVENNAME", SN, GN and serialNumber = semantics id', () => {
          expect(subjectValueTags(der)).toEqual([
            ['2.5.4.6', 19, 'EE'], // PrintableString
            ['2.5.4.3', 12, 'TESTNUMBER,OK'], // UTF8String
            ['2.5.4.4', 12, 'TESTNUMBER'],
            ['2.5.4.42', 12, 'OK'],
            ['2.5.4.5', 19, 'PNOEE-40504040001'],
          ]);
        });

        it('is a v3 certificate with the given serial, validity and issuer, signed by the issuing CA', async () => {
          const ca = level === 'QUALIFIED' ? h.qualified : h.advanced;
          const parsed = parseCertificate(der);
          expect(parsed.version).toBe(3);
          expect(cert.serialNumber).toBe('5eed1234');
          expect(cert.notBefore.toISOString()).toBe(notBefore.toISOString());
          expect(cert.notAfter.toISOString()).toBe(notAfter.toISOString());
          expect(Buffer.from(parsed.issuer)).toEqual(Buffer.from(parseCertificate(ca.certificate).subject));
          expect(cert.signatureAlgorithm).toMatchObject({ name: 'ECDSA', hash: { name: 'SHA-384' } });
          expect(
            await cert.verify({
              publicKey: new x509.X509Certificate(ca.certificate).publicKey,
              signatureOnly: true,
            }),
          ).toBe(true);
        });

        it('certifies the key of the CSR', async () => {
          const req = new x509.Pkcs10CertificateRequest(csr2048);
          expect(Buffer.from(cert.publicKey.rawData)).toEqual(Buffer.from(req.publicKey.rawData));
        });

        it('names the document number in SubjectAltName as DirName CN=<document number>', () => {
          const san = cert.getExtension(x509.SubjectAlternativeNameExtension)!;
          expect(san.names.items.map((n) => [n.type, n.value])).toEqual([
            ['dn', 'CN=PNOEE-40504040001-MOCK-Q'],
          ]);
        });

        it('carries dateOfBirth in subjectDirectoryAttributes as GeneralizedTime 19050404120000Z', () => {
          const ext = extension(der, '2.5.29.9')!;
          expect(ext.critical).toBe(false);
          const sda = new pkijs.SubjectDirectoryAttributes({
            schema: asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result,
          });
          expect(sda.attributes.map((a) => a.type)).toEqual(['1.3.6.1.5.5.7.9.1']);
          const value = sda.attributes[0]!.values[0] as asn1js.GeneralizedTime;
          expect(value).toBeInstanceOf(asn1js.GeneralizedTime);
          expect(new TextDecoder().decode(value.valueBlock.valueHexView)).toBe('19050404120000Z');
        });

        it(`has the ${level} ${purpose} certificate policies`, () => {
          expect(cert.getExtension(x509.CertificatePolicyExtension)!.policies).toEqual(expected.policies);
        });

        it('has a critical keyUsage with exactly the purpose bit', () => {
          const ku = cert.getExtension(x509.KeyUsagesExtension)!;
          expect(ku.critical).toBe(true);
          expect(ku.usages).toBe(expected.keyUsage);
        });

        it(expected.eku ? 'has the Smart-ID authentication EKU' : 'has no extended key usage', () => {
          const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
          if (expected.eku) expect(eku?.usages).toEqual(expected.eku);
          else expect(eku).toBeNull();
        });

        it('has the QC statements of its level and purpose', () => {
          const ext = extension(der, '1.3.6.1.5.5.7.1.3');
          if (expected.qc.length === 0) {
            expect(ext).toBeUndefined();
            return;
          }
          const qcs = new pkijs.QCStatements({
            schema: asn1js.fromBER(ext!.extnValue.valueBlock.valueHexView).result,
          });
          expect(qcs.values.map((q) => q.id)).toEqual(expected.qc);
          const semantics = qcs.values[0]!.type as asn1js.Sequence;
          expect((semantics.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(
            '0.4.0.194121.1.1',
          );
          if (level === 'QUALIFIED') {
            const qcType = qcs.values.find((q) => q.id === '0.4.0.1862.1.6')!.type as asn1js.Sequence;
            expect((qcType.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(
              '0.4.0.1862.1.6.1',
            );
            const pds = (qcs.values.find((q) => q.id === '0.4.0.1862.1.5')!.type as asn1js.Sequence)
              .valueBlock.value[0] as asn1js.Sequence;
            const [url, lang] = pds.valueBlock.value as [asn1js.IA5String, asn1js.PrintableString];
            expect([url.getValue(), lang.getValue()]).toEqual([sandboxPolicy.pds.url, 'en']);
          }
        });

        it('points AIA (OCSP, caIssuers) and the CRL distribution point at this server', () => {
          const name = level === 'QUALIFIED' ? 'qualified' : 'advanced';
          const aia = cert.getExtension(x509.AuthorityInfoAccessExtension)!;
          expect(aia.ocsp.map((g) => g.value)).toEqual(['http://127.0.0.1:8080/pki/ocsp']);
          expect(aia.caIssuers.map((g) => g.value)).toEqual([`http://127.0.0.1:8080/pki/ca/${name}.der`]);
          const crl = cert.getExtension(x509.CRLDistributionPointsExtension)!;
          expect(
            crl.distributionPoints.map((d) => d.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier),
          ).toEqual([`http://127.0.0.1:8080/pki/crl/${name}.crl`]);
        });

        it('is an end entity with key identifiers chaining to its issuer', async () => {
          const ca = level === 'QUALIFIED' ? h.qualified : h.advanced;
          expect(cert.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(false);
          const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId;
          const caSki = new x509.X509Certificate(ca.certificate).getExtension(
            x509.SubjectKeyIdentifierExtension,
          )!.keyId;
          expect(aki).toBe(caSki);
          const spkiBits = new Uint8Array(
            pkijs.Certificate.fromBER(der).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
          );
          expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId).toBe(
            createHash('sha1').update(spkiBits).digest('hex'),
          );
        });

        it('passes openssl verify -x509_strict against the chain', async () => {
          const ca = level === 'QUALIFIED' ? h.qualified : h.advanced;
          const root = files.path('root.pem', encodePem('CERTIFICATE', h.root.certificate));
          const sub = files.path(`${level}.pem`, encodePem('CERTIFICATE', ca.certificate));
          const leaf = files.path(`${level}-${purpose}.pem`, encodePem('CERTIFICATE', der));
          const at = String(Date.parse('2026-06-01T00:00:00Z') / 1000);
          const r = await openssl([
            'verify',
            '-x509_strict',
            '-attime',
            at,
            '-CAfile',
            root,
            '-untrusted',
            sub,
            leaf,
          ]);
          expect(r.stdout.trim()).toBe(`${leaf}: OK`);
          expect(r.code).toBe(0);
        });
      });
    }
  }

  it('leaves subjectDirectoryAttributes out when the date of birth is unknown', async () => {
    const { dateOfBirth: _, ...withoutBirth } = identity;
    const der = await issueCertificate(input('QUALIFIED', 'SIGNING', { subject: withoutBirth }));
    expect(extension(der, '2.5.29.9')).toBeUndefined();
  });

  it('writes a CPS qualifier and the deployment policy OIDs when a deployment configures them', async () => {
    const custom: DeploymentPolicy = {
      ...sandboxPolicy,
      certificatePolicies: {
        ...sandboxPolicy.certificatePolicies,
        QUALIFIED: {
          ...sandboxPolicy.certificatePolicies.QUALIFIED,
          SIGNING: [
            { oid: '1.3.6.1.4.1.99999.1.2', cpsUri: 'https://ca.example/cps' },
            { oid: '0.4.0.194112.1.2' },
          ],
        },
      },
    };
    const der = await issueCertificate(
      input('QUALIFIED', 'SIGNING', { profile: selectEndEntityProfile(custom, 'QUALIFIED', 'SIGNING') }),
    );
    const policies = new pkijs.CertificatePolicies({
      schema: asn1js.fromBER(extension(der, '2.5.29.32')!.extnValue.valueBlock.valueHexView).result,
    });
    expect(policies.certificatePolicies.map((p) => p.policyIdentifier)).toEqual([
      '1.3.6.1.4.1.99999.1.2',
      '0.4.0.194112.1.2',
    ]);
    const qualifier = policies.certificatePolicies[0]!.policyQualifiers![0]!;
    expect(qualifier.policyQualifierId).toBe('1.3.6.1.5.5.7.2.1');
    expect((qualifier.qualifier as asn1js.IA5String).getValue()).toBe('https://ca.example/cps');
  });

  it('accepts 3072- and 4096-bit keys', async () => {
    for (const key of ['rsa3072', 'rsa4096'] as const) {
      const der = await issueCertificate(input('QUALIFIED', 'SIGNING', { csr: await testCsr(key) }));
      expect(new x509.X509Certificate(der).publicKey.algorithm).toMatchObject({
        modulusLength: Number(key.slice(3)),
      });
    }
  });

  describe('refuses', () => {
    async function refusal(over: Partial<IssueCertificateInput>): Promise<PkiError> {
      const e = await issueCertificate(input('QUALIFIED', 'SIGNING', over)).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(PkiError);
      return e as PkiError;
    }

    it('a malformed CSR with MALFORMED_CSR', async () => {
      expect((await refusal({ csr: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) })).code).toBe(
        'MALFORMED_CSR',
      );
      expect((await refusal({ csr: new TextEncoder().encode('not a csr') })).code).toBe('MALFORMED_CSR');
      expect((await refusal({ csr: csr2048.subarray(0, csr2048.length - 1) })).code).toBe('MALFORMED_CSR');
    });

    it('a CSR whose signature does not verify with CSR_SIGNATURE_INVALID', async () => {
      const tampered = csr2048.slice();
      tampered[tampered.length - 5]! ^= 0x01;
      expect((await refusal({ csr: tampered })).code).toBe('CSR_SIGNATURE_INVALID');
    });

    it('a CSR whose subject was changed after signing with CSR_SIGNATURE_INVALID', async () => {
      const tampered = csr2048.slice();
      const at = Buffer.from(tampered).indexOf('ignored by the CA');
      tampered[at]! ^= 0x20;
      expect((await refusal({ csr: tampered })).code).toBe('CSR_SIGNATURE_INVALID');
    });

    it('keys of 1024 and 6144 bits with WRONG_KEY_SIZE', async () => {
      for (const key of ['rsa1024', 'rsa6144'] as const) {
        const e = await refusal({ csr: await testCsr(key) });
        expect(e.code).toBe('WRONG_KEY_SIZE');
        expect(e.message).toContain('2048, 3072, 4096');
      }
    });

    it('a public exponent other than 65537 and an EC key with UNSUPPORTED_KEY', async () => {
      expect((await refusal({ csr: await testCsr('rsa2048Exponent3') })).code).toBe('UNSUPPORTED_KEY');
      expect((await refusal({ csr: await testCsr('ecP384Advanced') })).code).toBe('UNSUPPORTED_KEY');
    });

    it('identity data that does not fit the profile with INVALID_SUBJECT', async () => {
      const bad: Partial<SubjectIdentity>[] = [
        { country: 'ee' },
        { country: 'EST' },
        { semanticsIdentifier: '40504040001' },
        { semanticsIdentifier: 'PNOEE-4050404000é' },
        { surname: 'TEST,NUMBER' },
        { givenName: '' },
        { documentNumber: '' },
        { dateOfBirth: '1905-02-30' },
        { dateOfBirth: '05.04.1905' },
      ];
      for (const change of bad) {
        expect((await refusal({ subject: { ...identity, ...change } })).code, JSON.stringify(change)).toBe(
          'INVALID_SUBJECT',
        );
      }
    });

    it('a validity outside the issuing CA with INVALID_VALIDITY', async () => {
      expect((await refusal({ notAfter: new Date('2041-01-01T00:00:00Z') })).code).toBe('INVALID_VALIDITY');
      expect((await refusal({ notBefore: new Date('2024-01-01T00:00:00Z') })).code).toBe('INVALID_VALIDITY');
      expect((await refusal({ notAfter: notBefore })).code).toBe('INVALID_VALIDITY');
    });

    it('a signer that does not hold the issuer key with SIGNER_MISMATCH', async () => {
      expect((await refusal({ signer: h.advanced.signer })).code).toBe('SIGNER_MISMATCH');
    });
  });
});
