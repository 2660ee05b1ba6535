/**
 * Enrolment end to end through the real pieces: an account's two keys are split between a (simulated) device
 * and the server; each key signs its own CSR through the two-party protocol (core's signing attempt), which is
 * the proof of possession; the CA issues both certificates; OpenSSL accepts them; later two-party signatures
 * verify under them. A wrong PIN gives no CSR; a CSR for another key gives no certificate.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import {
  type Account,
  certifyAccountKey,
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createSoftwareKeyShareVault,
  enrolAccount,
  type KeyShareVault,
} from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import { createCertificationRequest, encodePem } from '@tessera/pki';
import { generateTestKey, openssl, TestDevice, tempFiles } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCertificateIssuer } from '../../src/ca/as-certificate-issuer.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { type EnrolmentWorld, twoPartySigner } from '../support/enrolled-account.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';

const PIN1 = '3915';
const PIN2 = '70268';
const caClock = testClock(new Date('2026-11-22T10:00:00Z'));
const clock = { now: () => caClock.now().getTime() };
const keys = createMemoryAccountKeyStore();
const accounts = createMemoryAccountStore();
const authKey = generateTestKey();
const signKey = generateTestKey();
let software: SoftwareCa;
let ca: CertificateAuthority;
let vault: KeyShareVault;
let account: Account;
let authDevice: TestDevice;
let signDevice: TestDevice;

const identity = {
  semanticsIdentifier: 'PNOEE-40504040001',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  country: 'EE',
  dateOfBirth: '1905-04-04',
};

const world = (): EnrolmentWorld => ({ accounts, keys, vault, clock, ca });

const csr = (device: TestDevice, pin: string) =>
  createCertificationRequest({
    subject: [{ type: 'CN', value: 'TESTNUMBER,OK' }],
    signer: twoPartySigner(world(), device, pin),
  });
const certify = (purpose: 'authentication' | 'signing', request: Uint8Array) =>
  certifyAccountKey(
    { accounts, keys, issuer: asCertificateIssuer(ca) },
    { documentNumber: account.documentNumber, purpose, csr: request },
  );

beforeAll(async () => {
  software = await createSoftwareCa(caClock);
  ca = await software.open();
  vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
  const material = (key: typeof authKey, device: TestDevice) => ({
    modulus: key.modulus,
    publicExponent: key.publicExponent,
    serverShare: key.serverShare,
    firstCloneToken: device.token,
  });
  authDevice = TestDevice.enrol('device-auth-key', authKey, PIN1);
  signDevice = TestDevice.enrol('device-sign-key', signKey, PIN2);
  account = await enrolAccount(
    { accounts, keys, vault, clock, random: systemRandom },
    {
      deviceId: 'device-1',
      identity,
      level: 'QUALIFIED',
      keys: { authentication: material(authKey, authDevice), signing: material(signKey, signDevice) },
      allowedModulusBits: [2048],
    },
  );
  // The server names the keys after the document number; the device addresses them by those ids from now on.
  authDevice = new TestDevice(
    account.authenticationKeyId,
    authKey.modulus,
    authDevice.maskedShare,
    authDevice.token,
  );
  signDevice = new TestDevice(
    account.signingKeyId,
    signKey.modulus,
    signDevice.maskedShare,
    signDevice.token,
  );
}, 60_000);

afterAll(async () => {
  await ca?.close();
  await software?.cleanup();
});

describe('enrolment', () => {
  it('creates a pending account with a document number of the identifier, a 4-character id and Q', () => {
    expect(account.state).toBe('pending');
    expect(account.documentNumber).toMatch(/^PNOEE-40504040001-[A-Z2-9]{4}-Q$/);
    expect(account.validTo - account.validFrom).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
  });

  it('refuses a CSR for another key, and makes no CSR under a wrong PIN', async () => {
    await expect(certify('authentication', await csr(signDevice, PIN2))).rejects.toMatchObject({
      code: 'CSR_KEY_MISMATCH',
    });
    await expect(csr(authDevice, '0000')).rejects.toThrow('The two-party signature was refused: WRONG_PIN.');
    expect((await keys.get(account.authenticationKeyId))?.certificate).toBeNull();
  });

  it('activates the account once both keys are certified from two-party CSRs, with certificates OpenSSL accepts', async () => {
    expect((await certify('authentication', await csr(authDevice, PIN1))).state).toBe('pending');
    expect((await certify('signing', await csr(signDevice, PIN2))).state).toBe('active');

    const files = tempFiles();
    try {
      for (const keyId of [account.authenticationKeyId, account.signingKeyId]) {
        const der = (await keys.get(keyId))!.certificate!.der;
        const check = await openssl([
          'verify',
          '-x509_strict',
          '-CAfile',
          files.path('chain.pem', ca.caChainPem()),
          files.path('leaf.pem', encodePem('CERTIFICATE', der)),
        ]);
        expect(check.code, check.stderr).toBe(0);
        expect(new X509Certificate(der).subject).toContain('serialNumber=PNOEE-40504040001');
      }
    } finally {
      files.cleanup();
    }
    const signing = new X509Certificate((await keys.get(account.signingKeyId))!.certificate!.der);
    const document = new TextEncoder().encode('contract.pdf digest stand-in');
    const signature = await twoPartySigner(world(), signDevice, PIN2).sign(document);
    expect(createVerify('sha256').update(document).verify(signing.publicKey, signature)).toBe(true);
  });

  it('refuses to certify an account that is no longer pending', async () => {
    await expect(certify('authentication', await csr(authDevice, PIN1))).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_PENDING',
    });
  });

  it('gives a second account of the same person another account id', async () => {
    const k1 = generateTestKey();
    const k2 = generateTestKey();
    const token = (k: typeof k1) => TestDevice.enrol('x', k, PIN1).token;
    const material = (k: typeof k1) => ({
      modulus: k.modulus,
      publicExponent: k.publicExponent,
      serverShare: k.serverShare,
      firstCloneToken: token(k),
    });
    const second = await enrolAccount(
      { accounts, keys, vault, clock, random: systemRandom },
      {
        deviceId: 'device-2',
        identity,
        level: 'ADVANCED',
        keys: { authentication: material(k1), signing: material(k2) },
        allowedModulusBits: [2048],
      },
    );
    expect(second.documentNumber).toMatch(/^PNOEE-40504040001-[A-Z2-9]{4}-NQ$/);
    expect(second.id).not.toBe(account.id);
  });
});
