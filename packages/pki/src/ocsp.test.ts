import { createPublicKey, verify } from 'node:crypto';
import { openssl, tempFiles } from '@tessera/test-support';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHierarchy, testCsr, testHierarchy } from '../test/support/test-hierarchy.js';
import {
  buildOcspErrorResponse,
  buildOcspResponse,
  computeIssuerHashes,
  createOcspRequest,
  encodePem,
  issueCertificate,
  type OcspCertStatus,
  PkiError,
  parseOcspRequest,
  sandboxPolicy,
  selectEndEntityProfile,
} from './index.js';

let h: TestHierarchy;
let leaf: Uint8Array<ArrayBuffer>;
const files = tempFiles();
const now = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  h = await testHierarchy();
  leaf = await issueCertificate({
    csr: await testCsr('rsa2048'),
    subject: {
      country: 'EE',
      givenName: 'OK',
      surname: 'TESTNUMBER',
      semanticsIdentifier: 'PNOEE-40504040001',
      documentNumber: 'PNOEE-40504040001-MOCK-Q',
    },
    profile: selectEndEntityProfile(sandboxPolicy, 'QUALIFIED', 'AUTHENTICATION'),
    issuer: h.qualified.issuer,
    serial: 0xabcdef0123n,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2029-01-01T00:00:00Z'),
    signer: h.qualified.signer,
  });
  files.path(
    'chain.pem',
    encodePem('CERTIFICATE', h.qualified.certificate) + encodePem('CERTIFICATE', h.root.certificate),
  );
  files.path('issuer.pem', encodePem('CERTIFICATE', h.qualified.certificate));
  files.path('leaf.pem', encodePem('CERTIFICATE', leaf));
});
afterAll(() => files.cleanup());

async function respond(requestDer: Uint8Array, certStatus: OcspCertStatus): Promise<Uint8Array<ArrayBuffer>> {
  const request = parseOcspRequest(requestDer);
  return buildOcspResponse({
    responses: request.certIds.map((c) => ({
      certId: c.raw,
      certStatus,
      thisUpdate: now,
      archiveCutoff: new Date('2025-01-01T00:00:00Z'),
    })),
    producedAt: now,
    nonce: request.nonce,
    responderCertificate: h.qualifiedResponder.certificate,
    signer: h.qualifiedResponder.signer,
  });
}

async function opensslRequest(name: string): Promise<Uint8Array> {
  const out = files.path(name);
  const r = await openssl([
    'ocsp',
    '-issuer',
    files.path('issuer.pem'),
    '-cert',
    files.path('leaf.pem'),
    '-reqout',
    out,
  ]);
  expect(r.code).toBe(0);
  const { readFileSync } = await import('node:fs');
  return new Uint8Array(readFileSync(out));
}

async function opensslCheck(reqName: string, response: Uint8Array): Promise<string> {
  const respPath = files.path(`${reqName}.resp`, response);
  const r = await openssl([
    'ocsp',
    '-reqin',
    files.path(reqName),
    '-respin',
    respPath,
    '-resp_text',
    '-CAfile',
    files.path('chain.pem'),
    '-attime',
    String(now.getTime() / 1000),
  ]);
  return r.stdout + r.stderr;
}

describe('parseOcspRequest', () => {
  it('reads the SHA-1 CertID, serial and nonce of a request made by openssl', async () => {
    const der = await opensslRequest('good.req');
    const req = parseOcspRequest(der);
    expect(req.certIds).toHaveLength(1);
    const [id] = req.certIds;
    expect(id!.hashAlgorithm).toBe('SHA-1');
    expect(id!.serialNumber).toBe(0xabcdef0123n);
    const hashes = await computeIssuerHashes(h.qualified.certificate, 'SHA-1');
    expect(Buffer.from(id!.issuerNameHash)).toEqual(Buffer.from(hashes.nameHash));
    expect(Buffer.from(id!.issuerKeyHash)).toEqual(Buffer.from(hashes.keyHash));
    expect(req.nonce?.[0]).toBe(0x04); // openssl wraps its nonce in an OCTET STRING (RFC 8954)
  });

  it('reads requests made by createOcspRequest with SHA-1 and SHA-256 CertIDs and a 32-byte nonce', async () => {
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      const nonce = new Uint8Array(32).fill(7);
      const der = await createOcspRequest({
        certificate: leaf,
        issuerCertificate: h.qualified.certificate,
        nonce,
        hash,
      });
      const req = parseOcspRequest(der);
      expect(req.certIds[0]!.hashAlgorithm).toBe(hash);
      expect(Buffer.from(req.nonce!)).toEqual(Buffer.from([0x04, 32, ...nonce]));
      const hashes = await computeIssuerHashes(h.qualified.certificate, hash);
      expect(Buffer.from(req.certIds[0]!.issuerKeyHash)).toEqual(Buffer.from(hashes.keyHash));
    }
  });

  it('refuses malformed requests with MALFORMED_OCSP_REQUEST', async () => {
    const good = await createOcspRequest({ certificate: leaf, issuerCertificate: h.qualified.certificate });
    const emptyList = new Uint8Array([0x30, 0x04, 0x30, 0x02, 0x30, 0x00]);
    const indefinite = new Uint8Array([0x30, 0x80, 0x00, 0x00]);
    for (const bad of [
      new Uint8Array(),
      new Uint8Array([1, 2, 3]),
      emptyList,
      indefinite,
      new Uint8Array([...good, 0]),
      good.subarray(0, 20),
    ]) {
      let e: unknown;
      try {
        parseOcspRequest(bad);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(PkiError);
      expect((e as PkiError).code).toBe('MALFORMED_OCSP_REQUEST');
    }
  });
});

describe('buildOcspResponse', () => {
  it('gives a response openssl verifies against the chain and reads as good, with the nonce checked', async () => {
    const response = await respond(await opensslRequest('good.req'), { status: 'good' });
    const out = await opensslCheck('good.req', response);
    expect(out).toContain('Response verify OK');
    expect(out).toContain('Cert Status: good');
    expect(out).not.toContain('Nonce Verify error');
    expect(out).not.toContain('WARNING: no nonce');
  });

  it('gives revoked with time and reason, and unknown', async () => {
    const req = await opensslRequest('revoked.req');
    const revoked = await respond(req, {
      status: 'revoked',
      revokedAt: new Date('2026-05-01T08:00:00Z'),
      reason: 'cessationOfOperation',
    });
    const out = await opensslCheck('revoked.req', revoked);
    expect(out).toContain('Response verify OK');
    expect(out).toContain('Cert Status: revoked');
    expect(out).toContain('Revocation Reason: cessationOfOperation (0x5)');
    expect(out).toContain('Revocation Time: May  1 08:00:00 2026 GMT');
    expect(await opensslCheck('revoked.req', await respond(req, { status: 'unknown' }))).toContain(
      'Cert Status: unknown',
    );
  });

  it('meets the official PHP client checks: v1, nonce echoed, archive cutoff, embedded responder, RSA-SHA256 over tbsResponseData', async () => {
    const nonce = new Uint8Array(32).map((_, i) => i);
    const req = await createOcspRequest({
      certificate: leaf,
      issuerCertificate: h.qualified.certificate,
      nonce,
    });
    const der = await respond(req, { status: 'good' });
    const response = pkijs.OCSPResponse.fromBER(der);
    expect(response.responseStatus.valueBlock.valueDec).toBe(0);
    expect(response.responseBytes!.responseType).toBe('1.3.6.1.5.5.7.48.1.1');
    const basicDer = new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView);
    const basic = pkijs.BasicOCSPResponse.fromBER(basicDer);
    const tbs = basic.tbsResponseData;
    // v1: the version field is absent (DEFAULT), so tbsResponseData starts with the [2] responderID byKey.
    const tbsNode = (asn1js.fromBER(basicDer).result as asn1js.Sequence).valueBlock
      .value[0] as asn1js.Sequence;
    expect(tbsNode.valueBlock.value[0]!.idBlock).toMatchObject({ tagClass: 3, tagNumber: 2 });
    expect(tbs.producedAt.toISOString()).toBe(now.toISOString());
    const nonceExt = tbs.responseExtensions!.find((e) => e.extnID === '1.3.6.1.5.5.7.48.1.2')!;
    expect(Buffer.from(nonceExt.extnValue.valueBlock.valueHexView)).toEqual(
      Buffer.from([0x04, 32, ...nonce]),
    );
    const single = tbs.responses[0]!;
    expect(single.certStatus.idBlock.tagNumber).toBe(0); // good
    expect(single.thisUpdate.toISOString()).toBe(now.toISOString());
    const cutoff = single.singleExtensions!.find((e) => e.extnID === '1.3.6.1.5.5.7.48.1.6')!;
    expect(asn1js.fromBER(cutoff.extnValue.valueBlock.valueHexView).result).toBeInstanceOf(
      asn1js.GeneralizedTime,
    );
    // The CertID is echoed byte for byte.
    const requested = parseOcspRequest(req).certIds[0]!.raw;
    expect(Buffer.from(single.certID.toSchema().toBER())).toEqual(Buffer.from(requested));
    // The responder certificate is embedded, and the signature is RSA-SHA256 over the received tbsResponseData bytes.
    expect(basic.certs).toHaveLength(1);
    expect(Buffer.from(basic.certs![0]!.toSchema().toBER())).toEqual(
      Buffer.from(h.qualifiedResponder.certificate),
    );
    expect(basic.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11');
    const outer = asn1js.fromBER(basicDer).result as asn1js.Sequence;
    const tbsBytes = outer.valueBlock.value[0]!.valueBeforeDecodeView;
    const key = createPublicKey({
      key: Buffer.from(h.qualifiedResponder.signer.publicKey),
      format: 'der',
      type: 'spki',
    });
    expect(verify('sha256', tbsBytes, key, basic.signature.valueBlock.valueHexView)).toBe(true);
  });

  it('answers without a nonce extension when the request had none', async () => {
    const req = await createOcspRequest({ certificate: leaf, issuerCertificate: h.qualified.certificate });
    const basic = pkijs.BasicOCSPResponse.fromBER(
      new Uint8Array(
        pkijs.OCSPResponse.fromBER(await respond(req, { status: 'good' })).responseBytes!.response.valueBlock
          .valueHexView,
      ),
    );
    expect(basic.tbsResponseData.responseExtensions).toBeUndefined();
  });

  it('refuses a signer that does not hold the responder key with SIGNER_MISMATCH', async () => {
    const req = parseOcspRequest(
      await createOcspRequest({ certificate: leaf, issuerCertificate: h.qualified.certificate }),
    );
    const e = await buildOcspResponse({
      responses: [{ certId: req.certIds[0]!.raw, certStatus: { status: 'good' }, thisUpdate: now }],
      producedAt: now,
      responderCertificate: h.qualifiedResponder.certificate,
      signer: h.qualified.signer,
    }).catch((err: unknown) => err);
    expect((e as PkiError).code).toBe('SIGNER_MISMATCH');
  });
});

describe('buildOcspErrorResponse', () => {
  it('encodes each unsuccessful status as openssl reads it', async () => {
    const cases = [
      ['malformedRequest', 'malformedrequest (1)'],
      ['internalError', 'internalerror (2)'],
      ['unauthorized', 'unauthorized (6)'],
    ] as const;
    for (const [status, text] of cases) {
      const r = await openssl([
        'ocsp',
        '-respin',
        files.path(`${status}.resp`, buildOcspErrorResponse(status)),
        '-resp_text',
        '-noverify',
      ]);
      expect(r.stdout + r.stderr).toContain(`Responder Error: ${text}`);
    }
  });
});
