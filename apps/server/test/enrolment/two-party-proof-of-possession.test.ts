/**
 * Enrolment's proof of possession, end to end through the real pieces: a key split between a (simulated)
 * device and the server signs its own CSR through the two-party protocol (core's signing attempt, with the
 * lock ladder and clone token), the CA issues a certificate only for that verified CSR, OpenSSL accepts the
 * certificate, and later two-party signatures verify under it. A wrong PIN yields no CSR and no certificate.
 */
import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import {
  attemptSignature,
  createMemoryAccountKeyStore,
  createSoftwareKeyShareVault,
  registerAccountKey,
} from '@tessera/core';
import { bigintToBytes, bitLength, encodeBase64url, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { createCertificationRequest, encodePem, type Signer } from '@tessera/pki';
import { generateTestKey, openssl, TestDevice, tempFiles } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { demoIdentity } from '../support/end-entity.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';

const PIN1 = '3915';
const clock = testClock(new Date('2026-11-22T10:00:00Z'));
const key = generateTestKey();
const keys = createMemoryAccountKeyStore();
let software: SoftwareCa;
let ca: CertificateAuthority;
let device: TestDevice;
let deps: Parameters<typeof attemptSignature>[0];
let tx = 0;

/** The key's SubjectPublicKeyInfo, as the device would put it into its CSR. */
function subjectPublicKeyInfo(): Uint8Array {
  const k = Math.ceil(bitLength(key.modulus) / 8);
  const jwk = { kty: 'RSA', n: encodeBase64url(bigintToBytes(key.modulus, k)), e: 'AQAB' };
  return new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }));
}

/** A pki Signer whose every signature is one two-party signing attempt under `pin`. */
function twoPartySigner(pin: string): Signer {
  return {
    algorithm: 'RSA_PKCS1_SHA256',
    publicKey: subjectPublicKeyInfo(),
    async sign(data) {
      const request = device.request(`enrol-${++tx}`, data, pin);
      const outcome = await attemptSignature(deps, request);
      device.accept(request, outcome);
      if (outcome.outcome !== 'OK')
        throw new Error(`The two-party signature was refused: ${outcome.outcome}.`);
      return outcome.signature;
    },
  };
}

beforeAll(async () => {
  software = await createSoftwareCa(clock);
  ca = await software.open();
  const vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
  device = TestDevice.enrol('pnoee-40504040001-auth', key, PIN1);
  const now = { now: () => clock.now().getTime() };
  await registerAccountKey(
    { keys, vault, clock: now },
    {
      keyId: 'pnoee-40504040001-auth',
      accountId: 'MOCK',
      purpose: 'authentication',
      modulus: key.modulus,
      publicExponent: key.publicExponent,
      serverShare: key.serverShare,
      firstCloneToken: device.token,
      allowedModulusBits: [2048],
    },
  );
  deps = { keys, vault, modExp: createOpensslModExp(), clock: now, random: systemRandom };
}, 60_000);

afterAll(async () => {
  await ca?.close();
  await software?.cleanup();
});

describe('two-party proof of possession at enrolment', () => {
  it('gets a certificate for a CSR signed through the two-party protocol, which OpenSSL verifies', async () => {
    const csr = await createCertificationRequest({
      subject: [{ type: 'CN', value: 'TESTNUMBER,OK' }],
      signer: twoPartySigner(PIN1),
    });
    const issued = await ca.issue({
      csr,
      level: 'QUALIFIED',
      purpose: 'AUTHENTICATION',
      identity: demoIdentity,
    });

    const files = tempFiles();
    try {
      const check = await openssl([
        'verify',
        '-x509_strict',
        '-CAfile',
        files.path('chain.pem', ca.caChainPem()),
        files.path('auth.pem', encodePem('CERTIFICATE', issued.certificate)),
      ]);
      expect(check.code, check.stderr).toBe(0);
    } finally {
      files.cleanup();
    }

    // A later authentication signature, made two-party, verifies under the issued certificate.
    const certificate = new X509Certificate(issued.certificate);
    const message = new TextEncoder().encode('ACSP_V2 payload stand-in');
    const signature = await twoPartySigner(PIN1).sign(message);
    expect(createVerify('sha256').update(message).verify(certificate.publicKey, signature)).toBe(true);
    expect((await keys.get('pnoee-40504040001-auth'))?.lock.wrongAttempts).toBe(0);
  });

  it('makes no CSR, and so gets no certificate, under a wrong PIN, and counts the attempt', async () => {
    await expect(
      createCertificationRequest({
        subject: [{ type: 'CN', value: 'TESTNUMBER,OK' }],
        signer: twoPartySigner('0000'),
      }),
    ).rejects.toThrow('The two-party signature was refused: WRONG_PIN.');
    expect((await keys.get('pnoee-40504040001-auth'))?.lock.wrongAttempts).toBe(1);
  });
});
