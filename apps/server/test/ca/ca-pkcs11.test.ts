/**
 * The CA with its keys in a SoftHSMv2 token, behind a real listening server: what relying parties see with
 * standard tools (openssl verify, ocsp, crl) and what the token holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import { encodePem, parseCertificate, subjectPublicKeyBits } from '@tessera/pki';
import { createSoftHsmToken, freePort, openssl, type TestToken, tempFiles } from '@tessera/test-support';
import type { FastifyInstance } from 'fastify';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createFileCaStore } from '../../src/ca/file-ca-store.js';
import { initCaHierarchy } from '../../src/ca/init-ca-hierarchy.js';
import type { KeyBackend } from '../../src/ca/key-backend.js';
import {
  type CertificateAuthority,
  openCertificateAuthority,
} from '../../src/ca/open-certificate-authority.js';
import { loadPkcs11Module } from '../../src/ca/pkcs11/load-pkcs11-module.js';
import { openPkcs11KeyBackend } from '../../src/ca/pkcs11/pkcs11-key-backend.js';
import { systemClock } from '../../src/clock.js';
import type { ServerConfig } from '../../src/config.js';
import { csrWithNewKey, demoIdentity } from '../support/end-entity.js';
import { testConfig } from '../support/test-config.js';

let token: TestToken;
let keys: KeyBackend;
let ca: CertificateAuthority;
let app: FastifyInstance;
let config: ServerConfig;
let baseUrl: string;
let dataDir: string;
const files = tempFiles();
const issued: Record<string, { serial: string; certificate: Uint8Array }> = {};

beforeAll(async () => {
  token = createSoftHsmToken('tessera-ca-test');
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-data-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  config = testConfig({
    TESSERA_PUBLIC_URL: baseUrl,
    TESSERA_DATA_DIR: dataDir,
    TESSERA_CA_KEYS: 'pkcs11',
    TESSERA_HSM_MODULE: token.modulePath,
    TESSERA_HSM_TOKEN_LABEL: token.tokenLabel,
    TESSERA_HSM_PIN: token.pin,
  });
  keys = await openPkcs11KeyBackend(config.ca.hsm!);
  const store = createFileCaStore(join(dataDir, 'ca', 'store.json'));
  await initCaHierarchy({
    store,
    keys,
    policy: config.ca.policy,
    publicUrl: config.publicUrl,
    clock: systemClock,
    random: systemRandom,
    responderKeyAlgorithm: 'RSA_2048',
  });
  ca = await openCertificateAuthority({ store, keys, policy: config.ca.policy, publicUrl: config.publicUrl });
  app = await buildApp(config, { ca });
  await app.listen({ host: '127.0.0.1', port });

  for (const [name, level, purpose] of [
    ['qAuth', 'QUALIFIED', 'AUTHENTICATION'],
    ['qSign', 'QUALIFIED', 'SIGNING'],
    ['nqSign', 'ADVANCED', 'SIGNING'],
  ] as const) {
    const { csr } = await csrWithNewKey();
    const result = await ca.issue({ csr, level, purpose, identity: demoIdentity });
    issued[name] = result;
    files.path(`${name}.pem`, encodePem('CERTIFICATE', result.certificate));
  }
  files.path('chain.pem', await (await fetch(`${baseUrl}/pki/ca-chain.pem`)).text());
  files.path('qualified.pem', encodePem('CERTIFICATE', ca.caCertificate('qualified')));
  files.path('advanced.pem', encodePem('CERTIFICATE', ca.caCertificate('advanced')));
});

afterAll(async () => {
  await app?.close();
  await ca?.close();
  await keys?.close();
  token?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  files.cleanup();
});

/** A session of this test's own on the token, beside the CA's (the library is shared per process). */
async function withTokenSession<T>(use: (p11: pkcs11js.PKCS11, session: Buffer) => T): Promise<T> {
  const handle = loadPkcs11Module(token.modulePath);
  const p11 = handle.module;
  const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === token.tokenLabel)!;
  const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  try {
    return use(p11, session);
  } finally {
    p11.C_CloseSession(session);
    handle.release();
  }
}

function find(p11: pkcs11js.PKCS11, session: Buffer, cls: number): Buffer[] {
  p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: cls }]);
  try {
    return p11.C_FindObjects(session, 100);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
}

function pkcs11Tool(args: string[]) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    import('node:child_process').then(({ execFile }) =>
      execFile(
        'pkcs11-tool',
        [
          '--module',
          token.modulePath,
          '--token-label',
          token.tokenLabel,
          '--login',
          '--pin',
          token.pin,
          ...args,
        ],
        { timeout: 10_000, encoding: 'latin1', env: { ...process.env, SOFTHSM2_CONF: token.confPath } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
      ),
    );
  });
}

async function ocsp(certName: string, issuerName: string) {
  return openssl([
    'ocsp',
    '-url',
    `${baseUrl}/pki/ocsp`,
    '-issuer',
    files.path(`${issuerName}.pem`),
    '-cert',
    files.path(`${certName}.pem`),
    '-CAfile',
    files.path('chain.pem'),
    '-timeout',
    '5',
  ]);
}

describe('the CA hierarchy in a PKCS#11 token', () => {
  it('keeps every CA and responder private key in the token as sensitive and never extractable', async () => {
    const listing = await pkcs11Tool(['--list-objects', '--type', 'privkey']);
    expect(listing.code).toBe(0);
    const objects = listing.out.split(/Private Key Object/).slice(1);
    expect(objects).toHaveLength(5); // root, two issuing CAs, two OCSP responders
    for (const object of objects) {
      expect(object).toMatch(/Access:\s+sensitive, always sensitive, never extractable, local/);
    }
    const labels = objects.map((o) => /label:\s+(\S+)/.exec(o)?.[1]);
    expect(labels.filter((l) => l?.startsWith('tessera-root-'))).toHaveLength(1);
    expect(labels.filter((l) => l?.includes('-ocsp-'))).toHaveLength(2);
  });

  it('refuses to reveal or wrap a private key: the value is sensitive and C_WrapKey fails', async () => {
    await withTokenSession((p11, session) => {
      const privateKeys = find(p11, session, pkcs11js.CKO_PRIVATE_KEY);
      expect(privateKeys).toHaveLength(5);
      const wrappingKey = p11.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_WRAP, value: true },
      ]);
      for (const key of privateKeys) {
        const [sensitive, extractable, neverExtractable, type] = p11.C_GetAttributeValue(session, key, [
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_EXTRACTABLE },
          { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
          { type: pkcs11js.CKA_KEY_TYPE },
        ]);
        expect([sensitive!.value, extractable!.value, neverExtractable!.value]).toEqual([
          Buffer.from([1]),
          Buffer.from([0]),
          Buffer.from([1]),
        ]);
        const secret =
          (type!.value as Buffer)[0] === pkcs11js.CKK_EC ? pkcs11js.CKA_VALUE : pkcs11js.CKA_PRIVATE_EXPONENT;
        expect(() => p11.C_GetAttributeValue(session, key, [{ type: secret }])).toThrow(
          /CKR_ATTRIBUTE_SENSITIVE/,
        );
        expect(() =>
          p11.C_WrapKey(
            session,
            { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD },
            wrappingKey,
            key,
            Buffer.alloc(4096),
          ),
        ).toThrow(/CKR_KEY_UNEXTRACTABLE|CKR_KEY_NOT_WRAPPABLE/);
      }
    });
  });

  it('signs through the token: each CA certificate carries a token public key, and issued certificates verify under it', async () => {
    const points = await withTokenSession((p11, session) =>
      find(p11, session, pkcs11js.CKO_PUBLIC_KEY).flatMap((key) => {
        const [type] = p11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_KEY_TYPE }]);
        if ((type!.value as Buffer)[0] !== pkcs11js.CKK_EC) return [];
        const [point] = p11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_EC_POINT }]);
        return [(point!.value as Buffer).subarray(2).toString('hex')]; // DER OCTET STRING around 04||X||Y
      }),
    );
    expect(points).toHaveLength(3);
    for (const name of ['root', 'qualified', 'advanced']) {
      const spki = parseCertificate(ca.caCertificate(name)).publicKey;
      expect(points).toContain(Buffer.from(subjectPublicKeyBits(spki)).toString('hex'));
    }
    const pubPem = files.path('qualified-pub.pem');
    await openssl(['x509', '-in', files.path('qualified.pem'), '-pubkey', '-noout', '-out', pubPem]);
    const leaf = parseCertificate(issued.qSign!.certificate);
    const verify = await openssl([
      'dgst',
      '-sha384',
      '-verify',
      pubPem,
      '-signature',
      files.path('sig.der', leaf.signature),
      files.path('tbs.der', leaf.tbs),
    ]);
    expect(verify.stdout).toContain('Verified OK');
  });

  it('names the CAs per the deployment policy and uses EC P-384 with ecdsa-with-SHA384', async () => {
    const r = await openssl(['x509', '-in', files.path('qualified.pem'), '-noout', '-text']);
    const year = new Date().getUTCFullYear();
    expect(r.stdout).toContain(`Subject: O = Tessera Sandbox, CN = Tessera Sandbox EID-Q ${year}`);
    expect(r.stdout).toContain(`Issuer: O = Tessera Sandbox, CN = Tessera Sandbox Root CA ${year}`);
    expect(r.stdout).toContain('NIST CURVE: P-384');
    expect(r.stdout).toContain('Signature Algorithm: ecdsa-with-SHA384');
  });
});

describe('certificates relying parties validate with openssl', () => {
  it('are accepted by openssl verify -x509_strict against /pki/ca-chain.pem', async () => {
    for (const name of ['qAuth', 'qSign', 'nqSign']) {
      const r = await openssl([
        'verify',
        '-x509_strict',
        '-CAfile',
        files.path('chain.pem'),
        files.path(`${name}.pem`),
      ]);
      expect(r.stdout.trim(), r.stderr).toBe(`${files.path(`${name}.pem`)}: OK`);
    }
  });

  it('point caIssuers at the DER of their issuing CA, served by this server', async () => {
    const r = await openssl([
      'x509',
      '-in',
      files.path('qSign.pem'),
      '-noout',
      '-ext',
      'authorityInfoAccess',
    ]);
    const caIssuers = /CA Issuers - URI:(\S+)/.exec(r.stdout)![1]!;
    expect(caIssuers).toBe(`${baseUrl}/pki/ca/qualified.der`);
    const response = await fetch(caIssuers);
    expect(response.headers.get('content-type')).toBe('application/pkix-cert');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(ca.caCertificate('qualified')));
  });

  it('get "good" from openssl ocsp at the AIA OCSP URL, then "revoked" after revocation', async () => {
    const uri = await openssl(['x509', '-in', files.path('nqSign.pem'), '-noout', '-ocsp_uri']);
    expect(uri.stdout.trim()).toBe(`${baseUrl}/pki/ocsp`);
    const before = await ocsp('nqSign', 'advanced');
    expect(before.stdout, before.stderr).toContain(`${files.path('nqSign.pem')}: good`);
    expect(before.stderr).toContain('Response verify OK');

    await ca.revoke(issued.nqSign!.serial, 'keyCompromise');
    const after = await ocsp('nqSign', 'advanced');
    expect(after.stderr).toContain('Response verify OK');
    expect(after.stdout).toContain(`${files.path('nqSign.pem')}: revoked`);
    expect(after.stdout).toContain('Reason: keyCompromise');
  });

  it('list revoked serials on a CRL that openssl crl parses and verifies, with nextUpdate', async () => {
    await ca.revoke(issued.qAuth!.serial, 'cessationOfOperation');
    const der = Buffer.from(await (await fetch(`${baseUrl}/pki/crl/qualified.crl`)).arrayBuffer());
    const r = await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      files.path('qualified.crl', der),
      '-noout',
      '-text',
      '-CAfile',
      files.path('chain.pem'),
    ]);
    expect(r.stderr).toContain('verify OK');
    expect(r.stdout).toContain(`Serial Number: ${issued.qAuth!.serial}`);
    expect(r.stdout).toContain('Cessation Of Operation');
    expect(r.stdout).toMatch(/Next Update: \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT/);
    expect(r.stdout).not.toContain(issued.qSign!.serial);
  });

  it('answers "unknown" for a serial this CA never issued', async () => {
    const r = await openssl([
      'ocsp',
      '-url',
      `${baseUrl}/pki/ocsp`,
      '-issuer',
      files.path('qualified.pem'),
      '-serial',
      '0x7EADBEEF00112233',
      '-CAfile',
      files.path('chain.pem'),
    ]);
    expect(r.stderr).toContain('Response verify OK');
    expect(r.stdout).toContain('0x7EADBEEF00112233: unknown');
  });
});

describe('account events', () => {
  it('leave certificates good on a temporary PIN lock and revoke them all on a permanent lock', async () => {
    const { csr: authCsr } = await csrWithNewKey();
    const { csr: signCsr } = await csrWithNewKey();
    const identity = {
      ...demoIdentity,
      documentNumber: 'PNOEE-30303039914-MOCK-Q',
      semanticsIdentifier: 'PNOEE-30303039914',
    };
    const auth = await ca.issue({ csr: authCsr, level: 'QUALIFIED', purpose: 'AUTHENTICATION', identity });
    const sign = await ca.issue({ csr: signCsr, level: 'QUALIFIED', purpose: 'SIGNING', identity });
    files.path('lockAuth.pem', encodePem('CERTIFICATE', auth.certificate));
    files.path('lockSign.pem', encodePem('CERTIFICATE', sign.certificate));

    expect(await ca.applyAccountEvent(identity.documentNumber, 'PIN_LOCKED_TEMPORARILY')).toEqual({
      revoked: [],
    });
    expect((await ocsp('lockAuth', 'qualified')).stdout).toContain(': good');

    const outcome = await ca.applyAccountEvent(identity.documentNumber, 'PIN_LOCKED_PERMANENTLY');
    expect([...outcome.revoked].sort()).toEqual([auth.serial, sign.serial].sort());
    for (const name of ['lockAuth', 'lockSign']) {
      const r = await ocsp(name, 'qualified');
      expect(r.stdout).toContain(': revoked');
      expect(r.stdout).toContain('Reason: cessationOfOperation');
    }
  });
});
