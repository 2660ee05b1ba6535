/** The CA as the rest of the server uses it: issuance, revocation, account events, persistence and renewal. */
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import {
  createCertificationRequest,
  createOcspRequest,
  PkiError,
  parseCertificate,
  sandboxPolicy,
} from '@tessera/pki';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaError } from '../../src/ca/ca-error.js';
import { createFileCaStore } from '../../src/ca/file-ca-store.js';
import { initCaHierarchy } from '../../src/ca/init-ca-hierarchy.js';
import { createMemoryCaStore } from '../../src/ca/memory-ca-store.js';
import {
  type CertificateAuthority,
  openCertificateAuthority,
} from '../../src/ca/open-certificate-authority.js';
import { toProblem } from '../../src/problem.js';
import { csrWithNewKey, demoIdentity, rsaSigner } from '../support/end-entity.js';
import { createSoftwareCa, type SoftwareCa, TEST_PUBLIC_URL, testClock } from '../support/software-ca.js';

const start = new Date('2026-03-01T10:00:00Z');
const clock = testClock(start);
let software: SoftwareCa;
let ca: CertificateAuthority;

beforeAll(async () => {
  software = await createSoftwareCa(clock);
  ca = await software.open();
});
afterAll(async () => {
  await software?.cleanup();
});

async function refusal(promise: Promise<unknown>): Promise<PkiError | CaError> {
  const e = await promise.catch((err: unknown) => err);
  expect(e instanceof PkiError || e instanceof CaError, String(e)).toBe(true);
  return e as PkiError | CaError;
}

describe('issue', () => {
  it('gives the account validity, 3 years from now by default, from the issuing CA of the level', async () => {
    const { csr } = await csrWithNewKey();
    const cert = await ca.issue({
      csr,
      level: 'ADVANCED',
      purpose: 'AUTHENTICATION',
      identity: demoIdentity,
    });
    const parsed = parseCertificate(cert.certificate);
    expect(parsed.notBefore.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(parsed.notAfter.toISOString()).toBe('2029-03-01T10:00:00.000Z');
    expect(Buffer.from(parsed.issuer)).toEqual(
      Buffer.from(parseCertificate(ca.caCertificate('advanced')).subject),
    );
    expect(await ca.lookup(cert.serial)).toMatchObject({
      issuer: 'advanced',
      kind: 'END_ENTITY',
      documentNumber: demoIdentity.documentNumber,
      level: 'ADVANCED',
      purpose: 'AUTHENTICATION',
    });
  });

  it("honours the account's own validity", async () => {
    const { csr } = await csrWithNewKey();
    const notBefore = new Date('2026-03-05T00:00:00Z');
    const notAfter = new Date('2027-03-05T00:00:00Z');
    const cert = await ca.issue({
      csr,
      level: 'QUALIFIED',
      purpose: 'SIGNING',
      identity: demoIdentity,
      notBefore,
      notAfter,
    });
    expect(parseCertificate(cert.certificate).notAfter.toISOString()).toBe(notAfter.toISOString());
  });

  it('refuses a malformed CSR, a bad CSR signature and a wrong key size with codes that become 400 problems', async () => {
    const { csr } = await csrWithNewKey();
    const tampered = csr.slice();
    tampered[tampered.length - 3]! ^= 0xff;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const small = await createCertificationRequest({
      subject: [{ type: 'CN', value: 'x' }],
      signer: rsaSigner(privateKey),
    });
    const cases: [Uint8Array, string][] = [
      [new Uint8Array([1, 2, 3]), 'MALFORMED_CSR'],
      [tampered, 'CSR_SIGNATURE_INVALID'],
      [small, 'WRONG_KEY_SIZE'],
    ];
    for (const [bad, code] of cases) {
      const e = await refusal(
        ca.issue({ csr: bad, level: 'QUALIFIED', purpose: 'SIGNING', identity: demoIdentity }),
      );
      expect(e.code).toBe(code);
      expect(toProblem(e)).toMatchObject({ status: 400, errors: [{ code }] });
    }
  });

  it('refuses a validity beyond the issuing CA with INVALID_VALIDITY', async () => {
    const { csr } = await csrWithNewKey();
    const e = await refusal(
      ca.issue({
        csr,
        level: 'QUALIFIED',
        purpose: 'SIGNING',
        identity: demoIdentity,
        notAfter: new Date('2040-01-01T00:00:00Z'),
      }),
    );
    expect(e.code).toBe('INVALID_VALIDITY');
  });
});

describe('revoke', () => {
  it('revokes once with a reason and keeps the first revocation when asked again', async () => {
    const { csr } = await csrWithNewKey();
    const cert = await ca.issue({
      csr,
      level: 'QUALIFIED',
      purpose: 'AUTHENTICATION',
      identity: demoIdentity,
    });
    const first = await ca.revoke(cert.serial.toLowerCase(), 'keyCompromise');
    expect(first).toMatchObject({
      alreadyRevoked: false,
      record: { revocation: { reason: 'keyCompromise' } },
    });
    const second = await ca.revoke(cert.serial, 'superseded');
    expect(second).toMatchObject({
      alreadyRevoked: true,
      record: { revocation: { reason: 'keyCompromise' } },
    });
  });

  it('refuses an unknown serial (404), a malformed serial (400) and suspension reasons (400)', async () => {
    const unknown = await refusal(ca.revoke('7EADBEEF00112233', 'unspecified'));
    expect(unknown.code).toBe('CERTIFICATE_NOT_FOUND');
    expect(toProblem(unknown)).toMatchObject({ status: 404, errors: [{ code: 'CERTIFICATE_NOT_FOUND' }] });
    const malformed = await refusal(ca.revoke('not-a-serial', 'unspecified'));
    expect(malformed.code).toBe('INVALID_SERIAL');
    expect(toProblem(malformed).status).toBe(400);
    const hold = await refusal(ca.revoke('7EADBEEF00112233', 'certificateHold'));
    expect(hold.code).toBe('UNSUPPORTED_REVOCATION_REASON');
  });
});

describe('account events', () => {
  it('revoke nothing on a temporary lock, everything of the account on deletion, and nothing twice', async () => {
    const identity = {
      ...demoIdentity,
      documentNumber: 'PNOLT-40504040001-MOCK-Q',
      semanticsIdentifier: 'PNOLT-40504040001',
    };
    const a = await ca.issue({
      csr: (await csrWithNewKey()).csr,
      level: 'QUALIFIED',
      purpose: 'AUTHENTICATION',
      identity,
    });
    const s = await ca.issue({
      csr: (await csrWithNewKey()).csr,
      level: 'QUALIFIED',
      purpose: 'SIGNING',
      identity,
    });
    expect((await ca.applyAccountEvent(identity.documentNumber, 'PIN_LOCKED_TEMPORARILY')).revoked).toEqual(
      [],
    );
    expect((await ca.lookup(a.serial))?.revocation).toBeUndefined();
    const deleted = await ca.applyAccountEvent(identity.documentNumber, 'ACCOUNT_DELETED');
    expect([...deleted.revoked].sort()).toEqual([a.serial, s.serial].sort());
    expect((await ca.lookup(s.serial))?.revocation?.reason).toBe('cessationOfOperation');
    expect((await ca.applyAccountEvent(identity.documentNumber, 'CLONE_DETECTED')).revoked).toEqual([]);
  });
});

describe('the stored hierarchy', () => {
  it('refuses a second init and opening with the wrong key backend or without a hierarchy', async () => {
    const again = await refusal(
      initCaHierarchy({
        store: software.store,
        keys: software.keys,
        policy: sandboxPolicy,
        publicUrl: TEST_PUBLIC_URL,
        clock,
        random: systemRandom,
      }),
    );
    expect(again.code).toBe('CA_ALREADY_INITIALISED');
    const none = await refusal(
      openCertificateAuthority({
        store: createMemoryCaStore(),
        keys: software.keys,
        policy: sandboxPolicy,
        publicUrl: TEST_PUBLIC_URL,
      }),
    );
    expect(none.code).toBe('CA_NOT_INITIALISED');
    const pkcs11Like = { ...software.keys, kind: 'pkcs11' as const };
    const mismatch = await refusal(
      openCertificateAuthority({
        store: software.store,
        keys: pkcs11Like,
        policy: sandboxPolicy,
        publicUrl: TEST_PUBLIC_URL,
      }),
    );
    expect(mismatch.code).toBe('KEY_BACKEND_MISMATCH');
  });

  it('keeps software keys in files only their owner can read', () => {
    const keyDir = join(software.dataDir, 'ca', 'keys');
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(statSync(software.storePath).mode & 0o777).toBe(0o600);
  });

  it('shares the file store: a revocation by another process (the CLI) shows in this OCSP responder and CRL', async () => {
    const cert = await ca.issue({
      csr: (await csrWithNewKey()).csr,
      level: 'QUALIFIED',
      purpose: 'SIGNING',
      identity: demoIdentity,
    });
    const cli = await software.open({ store: createFileCaStore(software.storePath) });
    await cli.revoke(cert.serial, 'privilegeWithdrawn');
    const request = await createOcspRequest({
      certificate: cert.certificate,
      issuerCertificate: ca.caCertificate('qualified'),
    });
    const response = pkijs.OCSPResponse.fromBER(new Uint8Array(await ca.respondToOcsp(request)));
    const basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView),
    );
    expect(basic.tbsResponseData.responses[0]!.certStatus.idBlock.tagNumber).toBe(1);
    const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(await ca.crl('qualified')));
    const listed = crl.revokedCertificates!.map((r) =>
      Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').toUpperCase(),
    );
    expect(listed).toContain(cert.serial);
  });

  it('renews an OCSP responder certificate near its end, with the same key, and embeds the new one', async () => {
    const later = testClock(new Date('2027-02-10T10:00:00Z')); // 30 days before the 365-day responder expires
    const renewedCa = await software.open({ clock: later });
    const cert = await renewedCa.issue({
      csr: (await csrWithNewKey()).csr,
      level: 'ADVANCED',
      purpose: 'SIGNING',
      identity: demoIdentity,
    });
    const request = await createOcspRequest({
      certificate: cert.certificate,
      issuerCertificate: renewedCa.caCertificate('advanced'),
    });
    const response = pkijs.OCSPResponse.fromBER(new Uint8Array(await renewedCa.respondToOcsp(request)));
    const basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView),
    );
    const responder = basic.certs![0]!;
    expect(responder.notBefore.value.getTime()).toBeGreaterThan(new Date('2027-02-01T00:00:00Z').getTime());
    const hierarchy = await software.store.loadHierarchy();
    const stored = hierarchy!.authorities.find((a) => a.name === 'advanced')!.responder!.certificate;
    expect(Buffer.from(stored, 'base64')).toEqual(Buffer.from(responder.toSchema().toBER()));
    // The key stayed the same: the renewed certificate holds the original responder key.
    const original = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(
        pkijs.OCSPResponse.fromBER(new Uint8Array(await ca.respondToOcsp(request))).responseBytes!.response
          .valueBlock.valueHexView,
      ),
    ).certs![0]!;
    expect(Buffer.from(original.subjectPublicKeyInfo.toSchema().toBER())).toEqual(
      Buffer.from(responder.subjectPublicKeyInfo.toSchema().toBER()),
    );
  });
});
