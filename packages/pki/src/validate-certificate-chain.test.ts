import { beforeAll, describe, expect, it } from 'vitest';
import { testPublicKey, testSigner } from '../test/support/software-signer.js';
import { type TestHierarchy, testCsr, testHierarchy } from '../test/support/test-hierarchy.js';
import {
  issueCaCertificate,
  issueCertificate,
  PkiError,
  sandboxPolicy,
  selectEndEntityProfile,
  validateCertificateChain,
} from './index.js';

let h: TestHierarchy;
let leaf: Uint8Array;
const now = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  h = await testHierarchy();
  leaf = await issueCertificate({
    csr: await testCsr('rsa2048'),
    subject: {
      country: 'LT',
      givenName: 'OK',
      surname: 'TESTNUMBER',
      semanticsIdentifier: 'PNOLT-40504040001',
      documentNumber: 'PNOLT-40504040001-MOCK-Q',
    },
    profile: selectEndEntityProfile(sandboxPolicy, 'ADVANCED', 'SIGNING'),
    issuer: h.advanced.issuer,
    serial: 0x42n,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
    signer: h.advanced.signer,
  });
});

describe('validateCertificateChain', () => {
  it('finds the path from an end-entity certificate through its issuing CA to the root', async () => {
    const result = await validateCertificateChain({
      certificate: leaf,
      intermediates: [h.qualified.certificate, h.advanced.certificate],
      trustAnchors: [h.root.certificate],
      now,
    });
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.path.map((c) => c.serialNumber)).toEqual([0x42n, 0x2002n, 0x1001n]);
  });

  it('accepts the issuing CA itself as the trust anchor', async () => {
    const result = await validateCertificateChain({
      certificate: leaf,
      intermediates: [],
      trustAnchors: [h.advanced.certificate],
      now,
    });
    expect(result.valid).toBe(true);
  });

  it('reports a missing intermediate, an untrusted root, expiry and a future certificate as values', async () => {
    const base = {
      certificate: leaf,
      intermediates: [h.advanced.certificate],
      trustAnchors: [h.root.certificate],
    };
    expect(await validateCertificateChain({ ...base, intermediates: [], now })).toMatchObject({
      valid: false,
      reason: 'NO_PATH_TO_TRUST_ANCHOR',
    });
    expect(
      await validateCertificateChain({ ...base, trustAnchors: [h.qualified.certificate], now }),
    ).toMatchObject({
      valid: false,
      reason: 'NO_PATH_TO_TRUST_ANCHOR',
    });
    expect(await validateCertificateChain({ ...base, now: new Date('2029-06-01T00:00:00Z') })).toMatchObject({
      valid: false,
      reason: 'EXPIRED',
    });
    expect(await validateCertificateChain({ ...base, now: new Date('2025-06-01T00:00:00Z') })).toMatchObject({
      valid: false,
      reason: 'NOT_YET_VALID',
    });
  });

  it('reports a tampered certificate as BAD_SIGNATURE', async () => {
    const tampered = leaf.slice();
    const at = Buffer.from(tampered).indexOf('TESTNUMBER');
    tampered[at]! ^= 0x01;
    const result = await validateCertificateChain({
      certificate: tampered,
      intermediates: [h.advanced.certificate],
      trustAnchors: [h.root.certificate],
      now,
    });
    expect(result).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('reports a CA below an issuing CA with pathLenConstraint 0 as PATH_LENGTH_EXCEEDED', async () => {
    const deeper = await issueCaCertificate({
      subject: [{ type: 'CN', value: 'Too deep' }],
      publicKey: testPublicKey('ecP384Root'),
      issuer: h.qualified.issuer,
      serial: 0x99n,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
      signer: h.qualified.signer,
    });
    const below = await issueCertificate({
      csr: await testCsr('rsa2048'),
      subject: {
        country: 'EE',
        givenName: 'A',
        surname: 'B',
        semanticsIdentifier: 'PNOEE-1',
        documentNumber: 'PNOEE-1-X',
      },
      profile: selectEndEntityProfile(sandboxPolicy, 'QUALIFIED', 'SIGNING'),
      issuer: { certificate: deeper, urls: h.qualified.issuer.urls },
      serial: 0x98n,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
      signer: testSigner('ecP384Root'),
    });
    const result = await validateCertificateChain({
      certificate: below,
      intermediates: [deeper, h.qualified.certificate],
      trustAnchors: [h.root.certificate],
      now,
    });
    expect(result).toMatchObject({ valid: false, reason: 'PATH_LENGTH_EXCEEDED' });
  });

  it('throws for input that is not a certificate', async () => {
    const e = await validateCertificateChain({
      certificate: new Uint8Array([1, 2, 3]),
      intermediates: [],
      trustAnchors: [h.root.certificate],
      now,
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PkiError);
    expect((e as PkiError).code).toBe('MALFORMED_CERTIFICATE');
  });
});
