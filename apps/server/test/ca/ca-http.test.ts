/** The CA endpoints through fastify.inject(): content types, OCSP over GET and POST, and every bad input. */
import { createHash } from 'node:crypto';
import { createOcspRequest, decodePem, encodeBase64, parseCertificate } from '@tessera/pki';
import * as asn1js from 'asn1js';
import type { FastifyInstance } from 'fastify';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { csrWithNewKey, demoIdentity } from '../support/end-entity.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';
import { testConfig } from '../support/test-config.js';

const clock = testClock(new Date('2026-03-01T10:00:00Z'));
let software: SoftwareCa;
let ca: CertificateAuthority;
let app: FastifyInstance;
let leaf: { serial: string; certificate: Uint8Array };

beforeAll(async () => {
  software = await createSoftwareCa(clock);
  ca = await software.open();
  app = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), { ca });
  const { csr } = await csrWithNewKey();
  leaf = await ca.issue({ csr, level: 'QUALIFIED', purpose: 'SIGNING', identity: demoIdentity });
});

afterAll(async () => {
  await app?.close();
  await software?.cleanup();
});

/** The OCSPResponseStatus and, when successful, the first SingleResponse's status tag (0 good, 1 revoked, 2 unknown). */
function readOcsp(body: Buffer): { status: number; certStatus?: number } {
  const response = pkijs.OCSPResponse.fromBER(new Uint8Array(body));
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) return { status };
  const basic = pkijs.BasicOCSPResponse.fromBER(
    new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView),
  );
  return { status, certStatus: basic.tbsResponseData.responses[0]!.certStatus.idBlock.tagNumber };
}

function ocspPost(payload: Uint8Array | string, contentType = 'application/ocsp-request') {
  return app.inject({
    method: 'POST',
    url: '/pki/ocsp',
    headers: { 'content-type': contentType },
    payload: Buffer.from(payload),
  });
}

function expectProblem(res: Awaited<ReturnType<FastifyInstance['inject']>>, status: number, code?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ type: 'about:blank', status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  if (code) expect(body.errors).toEqual([{ code }]);
  return body;
}

describe('GET /pki/ca-chain.pem', () => {
  it('serves the issuing CAs and the root as one PEM chain', async () => {
    const res = await app.inject('/pki/ca-chain.pem');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pem-certificate-chain');
    const certs = decodePem(res.body, 'CERTIFICATE');
    expect(certs.map((c) => Buffer.from(c))).toEqual(
      ['qualified', 'advanced', 'root'].map((n) => Buffer.from(ca.caCertificate(n))),
    );
  });
});

describe('GET /pki/ca/<name>.der', () => {
  it('serves each CA certificate as DER', async () => {
    for (const name of ['root', 'qualified', 'advanced']) {
      const res = await app.inject(`/pki/ca/${name}.der`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pkix-cert');
      expect(parseCertificate(new Uint8Array(res.rawPayload)).basicConstraints?.ca).toBe(true);
    }
  });

  it('answers an unknown CA or file name with a 404 problem', async () => {
    expectProblem(await app.inject('/pki/ca/nobody.der'), 404, 'CA_NOT_FOUND');
    expectProblem(await app.inject('/pki/ca/root.pem'), 404, 'CA_NOT_FOUND');
  });
});

describe('GET /pki/crl/<name>.crl', () => {
  it('serves a DER CRL, the same one until a revocation, then one with a higher CRL number', async () => {
    const first = await app.inject('/pki/crl/qualified.crl');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pkix-crl');
    const again = await app.inject('/pki/crl/qualified.crl');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const crlNumber = (der: Buffer) => {
      const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
      const ext = crl.crlExtensions!.extensions.find((e) => e.extnID === '2.5.29.20')!;
      return (asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result as asn1js.Integer).valueBlock
        .valueDec;
    };
    const { csr } = await csrWithNewKey();
    const other = await ca.issue({
      csr,
      level: 'QUALIFIED',
      purpose: 'AUTHENTICATION',
      identity: demoIdentity,
    });
    await ca.revoke(other.serial, 'superseded');
    const after = await app.inject('/pki/crl/qualified.crl');
    expect(crlNumber(after.rawPayload)).toBeGreaterThan(crlNumber(first.rawPayload));
    const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(after.rawPayload));
    const serials = crl.revokedCertificates!.map((r) =>
      Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').toUpperCase(),
    );
    expect(serials).toEqual([other.serial]);
    expect(crl.nextUpdate!.value.getTime() - crl.thisUpdate.value.getTime()).toBe(24 * 3_600_000);
  });

  it('answers an unknown CRL with a 404 problem', async () => {
    expectProblem(await app.inject('/pki/crl/nobody.crl'), 404, 'CA_NOT_FOUND');
    expectProblem(await app.inject('/pki/crl/qualified'), 404, 'CA_NOT_FOUND');
  });
});

describe('/pki/ocsp', () => {
  it('answers a POST application/ocsp-request with a successful response', async () => {
    const request = await createOcspRequest({
      certificate: leaf.certificate,
      issuerCertificate: ca.caCertificate('qualified'),
    });
    const res = await ocspPost(request);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/ocsp-response');
    expect(readOcsp(res.rawPayload)).toEqual({ status: 0, certStatus: 0 });
  });

  it('answers a GET with the Base64 request in the path, percent-encoded or not', async () => {
    // Find a request whose Base64 contains '//' and '+', to exercise both paths (and that '//' is data here).
    // The nonces are a fixed sequence (hashes of a counter), so every run tries the same ones.
    let b64 = '';
    for (let i = 0; i < 20_000 && !(/\/\//.test(b64) && /\+/.test(b64)); i++) {
      const nonce = new Uint8Array(createHash('sha256').update(`nonce ${i}`).digest());
      b64 = encodeBase64(
        await createOcspRequest({
          certificate: leaf.certificate,
          issuerCertificate: ca.caCertificate('qualified'),
          nonce,
        }),
      );
    }
    expect(b64).toContain('//');
    expect(b64).toContain('+');
    for (const path of [encodeURIComponent(b64), b64]) {
      const res = await app.inject(`/pki/ocsp/${path}`);
      expect(res.statusCode).toBe(200);
      expect(readOcsp(res.rawPayload)).toEqual({ status: 0, certStatus: 0 });
    }
  }, 30_000);

  it('reports revoked and unknown certificates', async () => {
    const { csr } = await csrWithNewKey();
    const cert = await ca.issue({
      csr,
      level: 'ADVANCED',
      purpose: 'AUTHENTICATION',
      identity: demoIdentity,
    });
    await ca.revoke(cert.serial, 'cessationOfOperation');
    const revoked = await createOcspRequest({
      certificate: cert.certificate,
      issuerCertificate: ca.caCertificate('advanced'),
    });
    expect(readOcsp((await ocspPost(revoked)).rawPayload)).toEqual({ status: 0, certStatus: 1 });
    // The same serial asked of the other issuing CA is not one it issued.
    const other = await createOcspRequest({
      certificate: cert.certificate,
      issuerCertificate: ca.caCertificate('qualified'),
    });
    expect(readOcsp((await ocspPost(other)).rawPayload)).toEqual({ status: 0, certStatus: 2 });
  });

  it('answers malformed requests with the OCSP status malformedRequest, never an HTTP error', async () => {
    const malformed = [
      Buffer.from('this is not DER'),
      Buffer.from([0x30, 0x80, 0x00, 0x00]),
      Buffer.from([0x30, 0x00]),
      Buffer.alloc(0),
    ];
    for (const body of malformed) {
      const res = await ocspPost(body);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.toString('hex')).toBe('30030a0101');
    }
    for (const path of ['not-base64!', 'AAAA', 'MAA%3D']) {
      const res = await app.inject(`/pki/ocsp/${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.rawPayload.toString('hex'), path).toBe('30030a0101');
    }
  });

  it('answers requests for CAs it does not run (a foreign issuer, the root) with unauthorized', async () => {
    const foreign = await createOcspRequest({
      certificate: leaf.certificate,
      issuerCertificate: leaf.certificate,
    });
    expect((await ocspPost(foreign)).rawPayload.toString('hex')).toBe('30030a0106');
    const rootAsked = await createOcspRequest({
      certificate: ca.caCertificate('qualified'),
      issuerCertificate: ca.caCertificate('root'),
    });
    expect((await ocspPost(rootAsked)).rawPayload.toString('hex')).toBe('30030a0106');
  });

  it('answers a GET path that is not valid percent-encoding with a 400 problem', async () => {
    expectProblem(await app.inject('/pki/ocsp/%E0%A4%A'), 400);
  });

  it('refuses another media type with a 415 problem and an oversized body with a 413 problem', async () => {
    expectProblem(await ocspPost('{}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await ocspPost('abc', 'text/plain'), 415);
    expectProblem(await ocspPost(Buffer.alloc(20_000)), 413);
  });
});

describe('errors', () => {
  it('answer an unknown route with a 404 problem', async () => {
    expectProblem(await app.inject('/nowhere'), 404);
  });

  it('answer an internal failure with a 500 problem that tells nothing, and OCSP with internalError', async () => {
    const broken: CertificateAuthority = {
      ...ca,
      crl: async () => {
        throw new Error('secret detail from the HSM');
      },
      respondToOcsp: async () => {
        throw new Error('secret detail from the store');
      },
    };
    const brokenApp = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), { ca: broken });
    try {
      const crl = await brokenApp.inject('/pki/crl/qualified.crl');
      const body = expectProblem(crl, 500);
      expect(JSON.stringify(body)).not.toContain('secret');
      expect(body.errors).toBeUndefined();
      const ocsp = await brokenApp.inject({
        method: 'POST',
        url: '/pki/ocsp',
        headers: { 'content-type': 'application/ocsp-request' },
        payload: Buffer.from([0x30, 0x00]),
      });
      expect(ocsp.rawPayload.toString('hex')).toBe('30030a0102');
    } finally {
      await brokenApp.close();
    }
  });
});
