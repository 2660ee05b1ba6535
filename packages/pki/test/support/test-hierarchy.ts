/** A CA hierarchy of fixture keys for unit tests: root, QUALIFIED and ADVANCED issuing CAs, OCSP responders. */
import {
  createCertificationRequest,
  type Issuer,
  issueCaCertificate,
  issueOcspResponderCertificate,
  type Signer,
} from '../../src/index.js';
import { type TestKeyName, testPublicKey, testSigner } from './software-signer.js';

/** One CA of the test hierarchy. */
export interface TestCa {
  readonly certificate: Uint8Array<ArrayBuffer>;
  readonly signer: Signer;
  readonly issuer: Issuer;
}

/** The whole test hierarchy. */
export interface TestHierarchy {
  readonly root: TestCa;
  readonly qualified: TestCa;
  readonly advanced: TestCa;
  readonly qualifiedResponder: { readonly certificate: Uint8Array<ArrayBuffer>; readonly signer: Signer };
}

export const BASE_URL = 'http://127.0.0.1:8080';
export const CA_NOT_BEFORE = new Date('2025-01-01T00:00:00Z');

function urlsOf(name: string) {
  const urls = { caIssuers: `${BASE_URL}/pki/ca/${name}.der`, crl: `${BASE_URL}/pki/crl/${name}.crl` };
  // The root has no OCSP responder: its subordinates are checked by CRL.
  return name === 'root' ? urls : { ...urls, ocsp: `${BASE_URL}/pki/ocsp` };
}

let cached: Promise<TestHierarchy> | undefined;

async function build(): Promise<TestHierarchy> {
  const rootSigner = testSigner('ecP384Root');
  const rootCert = await issueCaCertificate({
    subject: [
      { type: 'CN', value: 'Tessera Test Root CA' },
      { type: 'O', value: 'Tessera Test' },
    ],
    publicKey: rootSigner.publicKey,
    serial: 0x1001n,
    notBefore: CA_NOT_BEFORE,
    notAfter: new Date('2045-01-01T00:00:00Z'),
    signer: rootSigner,
  });
  const root: TestCa = {
    certificate: rootCert,
    signer: rootSigner,
    issuer: { certificate: rootCert, urls: urlsOf('root') },
  };
  async function issuing(name: string, cn: string, key: TestKeyName, serial: bigint): Promise<TestCa> {
    const signer = testSigner(key);
    const certificate = await issueCaCertificate({
      subject: [
        { type: 'CN', value: cn },
        { type: 'O', value: 'Tessera Test' },
      ],
      publicKey: testPublicKey(key),
      issuer: root.issuer,
      serial,
      notBefore: CA_NOT_BEFORE,
      notAfter: new Date('2040-01-01T00:00:00Z'),
      pathLength: 0,
      signer: rootSigner,
    });
    return { certificate, signer, issuer: { certificate, urls: urlsOf(name) } };
  }
  const qualified = await issuing('qualified', 'Tessera Test EID-Q', 'ecP384Qualified', 0x2001n);
  const advanced = await issuing('advanced', 'Tessera Test EID-NQ', 'ecP384Advanced', 0x2002n);
  const responderSigner = testSigner('rsa2048Responder');
  const responderCert = await issueOcspResponderCertificate({
    subject: [{ type: 'CN', value: 'Tessera Test EID-Q OCSP Responder' }],
    publicKey: responderSigner.publicKey,
    issuerCertificate: qualified.certificate,
    serial: 0x3001n,
    notBefore: CA_NOT_BEFORE,
    notAfter: new Date('2035-01-01T00:00:00Z'),
    signer: qualified.signer,
  });
  return {
    root,
    qualified,
    advanced,
    qualifiedResponder: { certificate: responderCert, signer: responderSigner },
  };
}

/** The test hierarchy, built once per test file. */
export function testHierarchy(): Promise<TestHierarchy> {
  cached ??= build();
  return cached;
}

/** A CSR for a fixture key, signed by it. */
export function testCsr(key: TestKeyName): Promise<Uint8Array<ArrayBuffer>> {
  return createCertificationRequest({
    subject: [{ type: 'CN', value: 'ignored by the CA' }],
    signer: testSigner(key),
  });
}
