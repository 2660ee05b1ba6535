import { beforeAll, describe, expect, it } from 'vitest';
import { testSigner } from '../test/support/software-signer.js';
import { type TestHierarchy, testCsr, testHierarchy } from '../test/support/test-hierarchy.js';
import {
  bits,
  children,
  enumerated,
  explicit,
  int,
  octets,
  oid,
  readBits,
  readDer,
  readOctets,
  seq,
  sequenceItems,
} from './der.js';
import {
  buildOcspErrorResponse,
  buildOcspResponse,
  computeIssuerHashes,
  createOcspRequest,
  issueCaCertificate,
  issueCertificate,
  issueOcspResponderCertificate,
  type OcspCertStatus,
  OID,
  PkiError,
  parseCertificate,
  parseOcspRequest,
  type Signer,
  sandboxPolicy,
  selectEndEntityProfile,
  verifyOcspResponse,
} from './index.js';
import { encodeSignatureAlgorithm } from './signer.js';

let h: TestHierarchy;
let leaf: Uint8Array<ArrayBuffer>;
let other: Uint8Array<ArrayBuffer>;
const now = new Date('2026-06-01T12:00:00Z');
const nonce = new Uint8Array(32).map((_, i) => i + 1);
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

function issueLeaf(serial: bigint, purpose: 'AUTHENTICATION' | 'SIGNING' = 'AUTHENTICATION') {
  return testCsr('rsa2048').then((csr) =>
    issueCertificate({
      csr,
      subject: {
        country: 'EE',
        givenName: 'OK',
        surname: 'TESTNUMBER',
        semanticsIdentifier: 'PNOEE-40504040001',
        documentNumber: 'PNOEE-40504040001-MOCK-Q',
      },
      profile: selectEndEntityProfile(sandboxPolicy, 'QUALIFIED', purpose),
      issuer: h.qualified.issuer,
      serial,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
      signer: h.qualified.signer,
    }),
  );
}

/** A responder certificate for the responder's RSA key, issued as asked (by default like the hierarchy's). */
function responderFrom(
  issuerCertificate: Uint8Array,
  signer: Signer,
  validity: { notBefore?: Date; notAfter?: Date } = {},
) {
  return issueOcspResponderCertificate({
    subject: [{ type: 'CN', value: 'Another OCSP Responder' }],
    publicKey: h.qualifiedResponder.signer.publicKey,
    issuerCertificate,
    serial: 0x3999n,
    notBefore: validity.notBefore ?? new Date('2025-01-01T00:00:00Z'),
    notAfter: validity.notAfter ?? new Date('2035-01-01T00:00:00Z'),
    signer,
  });
}

beforeAll(async () => {
  h = await testHierarchy();
  leaf = await issueLeaf(0xabcdef01n);
  other = await issueLeaf(0xabcdef02n);
});

interface ResponseChanges {
  readonly certStatus?: OcspCertStatus;
  /** The CertID DERs answered, in order (default: the one createOcspRequest makes for the leaf). */
  readonly certIds?: readonly Uint8Array[];
  readonly producedAt?: Date;
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  readonly archiveCutoff?: boolean;
  /** The nonce extnValue content echoed; null for no nonce extension. */
  readonly nonceEcho?: Uint8Array | null;
  readonly responderCertificate?: Uint8Array;
  readonly signer?: Signer;
}

/** The CertID DER of a createOcspRequest request for `certificate`. */
async function certIdOf(certificate: Uint8Array, hash: 'SHA-1' | 'SHA-256' = 'SHA-1'): Promise<Uint8Array> {
  const request = await createOcspRequest({ certificate, issuerCertificate: h.qualified.certificate, hash });
  return parseOcspRequest(request).certIds[0]!.raw;
}

/** A response from the hierarchy's responder to a createOcspRequest request for the leaf, as changed. */
async function respond(changes: ResponseChanges = {}): Promise<Uint8Array<ArrayBuffer>> {
  const request = parseOcspRequest(
    await createOcspRequest({ certificate: leaf, issuerCertificate: h.qualified.certificate, nonce }),
  );
  const nonceEcho = changes.nonceEcho === undefined ? request.nonce : changes.nonceEcho;
  return buildOcspResponse({
    responses: (changes.certIds ?? [request.certIds[0]!.raw]).map((certId) => ({
      certId,
      certStatus: changes.certStatus ?? { status: 'good' },
      thisUpdate: changes.thisUpdate ?? now,
      ...(changes.nextUpdate !== undefined ? { nextUpdate: changes.nextUpdate } : {}),
      ...(changes.archiveCutoff === false ? {} : { archiveCutoff: new Date('2025-01-01T00:00:00Z') }),
    })),
    producedAt: changes.producedAt ?? now,
    ...(nonceEcho !== null && nonceEcho !== undefined ? { nonce: nonceEcho } : {}),
    responderCertificate: changes.responderCertificate ?? h.qualifiedResponder.certificate,
    signer: changes.signer ?? h.qualifiedResponder.signer,
  });
}

/** The fields of a built response's tbsResponseData, to rebuild it by hand. */
function tbsFieldsOf(response: Uint8Array): Uint8Array[] {
  const [, bytesField] = sequenceItems(readDer(response), 'OCSPResponse');
  const [, body] = sequenceItems(children(bytesField!)[0], 'ResponseBytes');
  const [tbs] = sequenceItems(readDer(readOctets(body, 'response')), 'BasicOCSPResponse');
  return sequenceItems(tbs, 'ResponseData').map((f) => f.raw);
}

/** A successful OCSPResponse around a hand-made tbsResponseData, signed by the hierarchy's responder. */
async function signByHand(
  tbs: Uint8Array,
  options: { certs?: readonly Uint8Array[]; responseType?: string } = {},
): Promise<Uint8Array> {
  const signer = h.qualifiedResponder.signer;
  const certs = options.certs ?? [h.qualifiedResponder.certificate];
  const basic = seq(
    tbs,
    encodeSignatureAlgorithm(signer.algorithm),
    bits(await signer.sign(tbs)),
    certs.length > 0 ? explicit(0, seq(...certs)) : undefined,
  );
  return seq(enumerated(0), explicit(0, seq(oid(options.responseType ?? OID.ocspBasic), octets(basic))));
}

/** The response's signature bytes, a view into `response` (writing them alters it). */
function signatureBytesOf(response: Uint8Array): Uint8Array {
  const [, bytesField] = sequenceItems(readDer(response), 'OCSPResponse');
  const [, body] = sequenceItems(children(bytesField!)[0], 'ResponseBytes');
  const [, , signature] = sequenceItems(readDer(readOctets(body, 'response')), 'BasicOCSPResponse');
  return readBits(signature, 'signature').bytes;
}

function verify(response: Uint8Array, at: Date = now) {
  return verifyOcspResponse({
    response,
    certificate: leaf,
    issuerCertificate: h.qualified.certificate,
    nonce,
    now: at,
  });
}

/** The error `verify` throws, checked to be an OCSP_RESPONSE_REJECTED PkiError with a one-sentence message. */
async function rejection(response: Uint8Array | Promise<Uint8Array>, at: Date = now): Promise<string> {
  const error = await verify(await response, at).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PkiError);
  expect((error as PkiError).code).toBe('OCSP_RESPONSE_REJECTED');
  expect((error as PkiError).message).toMatch(/^The [^.]+\.$/);
  return (error as PkiError).message;
}

describe('verifyOcspResponse: the answer', () => {
  it('returns good with the producedAt and thisUpdate of a response that meets every rule', async () => {
    await expect(verify(await respond())).resolves.toEqual({
      status: 'good',
      producedAt: now,
      thisUpdate: now,
    });
  });

  it('returns revoked with the revocation date and reason as data, not as an error', async () => {
    const revokedAt = new Date('2026-05-01T08:00:00Z');
    await expect(
      verify(await respond({ certStatus: { status: 'revoked', revokedAt, reason: 'keyCompromise' } })),
    ).resolves.toEqual({
      status: 'revoked',
      revokedAt,
      reason: 'keyCompromise',
      producedAt: now,
      thisUpdate: now,
    });
  });

  it('returns revoked without a reason when the responder gives none', async () => {
    const revokedAt = new Date('2026-05-01T08:00:00Z');
    const verdict = await verify(await respond({ certStatus: { status: 'revoked', revokedAt } }));
    expect(verdict).toEqual({ status: 'revoked', revokedAt, producedAt: now, thisUpdate: now });
  });

  it('returns unknown as data, not as an error', async () => {
    await expect(verify(await respond({ certStatus: { status: 'unknown' } }))).resolves.toEqual({
      status: 'unknown',
      producedAt: now,
      thisUpdate: now,
    });
  });

  it('accepts a sha512WithRSAEncryption response signature', async () => {
    const signer = testSigner('rsa2048Responder', 'RSA_PKCS1_SHA512');
    await expect(verify(await respond({ signer }))).resolves.toMatchObject({ status: 'good' });
  });

  it('accepts a status exactly 900 seconds old and a producedAt and thisUpdate 120 seconds ahead', async () => {
    await expect(verify(await respond(), seconds(900))).resolves.toMatchObject({ status: 'good' });
    await expect(verify(await respond(), seconds(-120))).resolves.toMatchObject({ status: 'good' });
  });

  it('accepts a nextUpdate that has not passed', async () => {
    await expect(verify(await respond({ nextUpdate: seconds(1) }))).resolves.toMatchObject({
      status: 'good',
    });
  });

  it('accepts the request CertID with the SHA-1 parameters left out rather than NULL', async () => {
    const { nameHash, keyHash } = await computeIssuerHashes(h.qualified.certificate, 'SHA-1');
    const certId = seq(seq(oid(OID.sha1)), octets(nameHash), octets(keyHash), int(0xabcdef01n));
    await expect(verify(await respond({ certIds: [certId] }))).resolves.toMatchObject({ status: 'good' });
  });
});

describe('verifyOcspResponse: the rules', () => {
  it('refuses an unsuccessful responseStatus such as tryLater', async () => {
    expect(await rejection(buildOcspErrorResponse('tryLater'))).toBe(
      'The OCSP responder answered tryLater instead of successful.',
    );
    expect(await rejection(buildOcspErrorResponse('unauthorized'))).toMatch(/unauthorized/);
  });

  it('refuses garbage, truncated data and trailing bytes as malformed DER', async () => {
    const good = await respond();
    for (const bad of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array(),
      good.subarray(0, good.length - 10),
      new Uint8Array([...good, 0]),
    ]) {
      expect(await rejection(bad)).toBe('The OCSP response is not a well-formed DER OCSPResponse.');
    }
  });

  it('refuses a successful status without responseBytes', async () => {
    expect(await rejection(seq(enumerated(0)))).toMatch(/no responseBytes/);
  });

  it('refuses a response type other than id-pkix-ocsp-basic', async () => {
    const tbs = seq(...tbsFieldsOf(await respond()));
    expect(await rejection(signByHand(tbs, { responseType: '1.3.6.1.5.5.7.48.1.99' }))).toMatch(
      /not a BasicOCSPResponse/,
    );
  });

  it('refuses a tbsResponseData version other than v1', async () => {
    const tbs = seq(explicit(0, int(1)), ...tbsFieldsOf(await respond()));
    expect(await rejection(signByHand(tbs))).toBe('The OCSP response is not version 1.');
  });

  it('refuses a response without the nonce extension', async () => {
    expect(await rejection(respond({ nonceEcho: null }))).toBe(
      'The OCSP response does not echo the request nonce.',
    );
  });

  it('refuses a response echoing another nonce, or the raw nonce without its OCTET STRING', async () => {
    const another = octets(new Uint8Array(32).fill(0xee));
    expect(await rejection(respond({ nonceEcho: another }))).toMatch(/does not echo the request nonce/);
    expect(await rejection(respond({ nonceEcho: nonce }))).toMatch(/does not echo the request nonce/);
  });

  it('refuses a producedAt more than 120 seconds in the future', async () => {
    expect(await rejection(respond({ producedAt: seconds(121), thisUpdate: now }))).toMatch(
      /produced more than 120 seconds in the future/,
    );
  });

  it('refuses a thisUpdate more than 120 seconds in the future', async () => {
    expect(await rejection(respond({ thisUpdate: seconds(121) }))).toMatch(
      /thisUpdate is more than 120 seconds in the future/,
    );
  });

  it('refuses a stale thisUpdate, more than 900 seconds old', async () => {
    expect(await rejection(respond({ thisUpdate: seconds(-901) }))).toMatch(/more than 900 seconds old/);
    expect(await rejection(respond(), seconds(901))).toMatch(/more than 900 seconds old/);
  });

  it('refuses a nextUpdate that has passed', async () => {
    expect(await rejection(respond({ thisUpdate: seconds(-60), nextUpdate: seconds(-1) }))).toBe(
      'The OCSP status nextUpdate has passed.',
    );
  });

  it('refuses a SingleResponse without the Archive Cutoff extension', async () => {
    expect(await rejection(respond({ archiveCutoff: false }))).toMatch(/no Archive Cutoff extension/);
  });

  it('refuses the CertID of another certificate', async () => {
    expect(await rejection(respond({ certIds: [await certIdOf(other)] }))).toMatch(
      /not about the requested certificate/,
    );
  });

  it('refuses a SHA-256 CertID for the certificate, since the request used SHA-1', async () => {
    expect(await rejection(respond({ certIds: [await certIdOf(leaf, 'SHA-256')] }))).toMatch(
      /not about the requested certificate/,
    );
  });

  it('judges the first SingleResponse only, as the official PHP client does', async () => {
    const certIds = [await certIdOf(other), await certIdOf(leaf)];
    expect(await rejection(respond({ certIds }))).toMatch(/not about the requested certificate/);
  });

  it('refuses a response that does not embed its responder certificate', async () => {
    const tbs = seq(...tbsFieldsOf(await respond()));
    expect(await rejection(signByHand(tbs, { certs: [] }))).toBe(
      'The OCSP response does not embed its responder certificate.',
    );
  });

  it('refuses a responder certified by the root or by another issuing CA rather than directly by the issuing CA', async () => {
    for (const responderCertificate of [
      await responderFrom(h.root.certificate, h.root.signer),
      await responderFrom(h.advanced.certificate, h.advanced.signer),
    ]) {
      expect(await rejection(respond({ responderCertificate }))).toBe(
        "The OCSP responder certificate is not signed by the certificate's issuing CA.",
      );
    }
  });

  it("refuses a responder certificate naming the issuing CA but not signed with the CA's key", async () => {
    const impostorSigner = testSigner('ecP384Advanced');
    const impostorCa = await issueCaCertificate({
      subject: [
        { type: 'CN', value: 'Tessera Test EID-Q' },
        { type: 'O', value: 'Tessera Test' },
      ],
      publicKey: impostorSigner.publicKey,
      serial: 0x2999n,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
      signer: impostorSigner,
    });
    const responderCertificate = await responderFrom(impostorCa, impostorSigner);
    const qualifiedName = parseCertificate(h.qualified.certificate).subject;
    expect(parseCertificate(responderCertificate).issuer).toEqual(qualifiedName); // the name check passes
    expect(await rejection(respond({ responderCertificate }))).toMatch(
      /not signed by the certificate's issuing CA/,
    );
  });

  it('refuses a responder certificate without the id-kp-OCSPSigning extended key usage', async () => {
    const responderCertificate = await issueLeaf(0x3998n, 'SIGNING');
    expect(await rejection(respond({ responderCertificate, signer: testSigner('rsa2048') }))).toBe(
      'The OCSP responder certificate lacks the id-kp-OCSPSigning extended key usage.',
    );
  });

  it('refuses a responder certificate that has expired or is not yet valid', async () => {
    const expired = await responderFrom(h.qualified.certificate, h.qualified.signer, {
      notAfter: new Date('2026-05-31T00:00:00Z'),
    });
    const notYet = await responderFrom(h.qualified.certificate, h.qualified.signer, {
      notBefore: new Date('2026-06-02T00:00:00Z'),
    });
    for (const responderCertificate of [expired, notYet]) {
      expect(await rejection(respond({ responderCertificate }))).toMatch(/not valid at the time of checking/);
    }
  });

  it('refuses a response signed with sha384WithRSAEncryption', async () => {
    const signer = testSigner('rsa2048Responder', 'RSA_PKCS1_SHA384');
    expect(await rejection(respond({ signer }))).toMatch(
      /neither sha256WithRSAEncryption nor sha512WithRSAEncryption/,
    );
  });

  it('refuses a response whose signature has one byte changed', async () => {
    const response = await respond();
    const signature = signatureBytesOf(response);
    signature[17]! ^= 0x01;
    expect(await rejection(response)).toBe(
      "The OCSP response signature does not verify with the responder certificate's key.",
    );
  });

  it('refuses a response whose tbsResponseData was changed after signing, before looking at its content', async () => {
    const response = await respond();
    const serial = int(0xabcdef01n); // the leaf's serial in the CertID
    const at = Buffer.from(response).indexOf(Buffer.from(serial));
    expect(at).toBeGreaterThan(0);
    response[at + serial.length - 1] = 0x02; // now about `other`, but the signature no longer covers it
    expect(await rejection(response)).toMatch(/signature does not verify/);
  });
});

describe('verifyOcspResponse: its arguments', () => {
  it('throws INVALID_ARGUMENT for an invalid time of checking', async () => {
    await expect(verify(await respond(), new Date(Number.NaN))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('throws MALFORMED_CERTIFICATE when the certificate asked about is not a certificate', async () => {
    await expect(
      verifyOcspResponse({
        response: await respond(),
        certificate: new Uint8Array([1, 2, 3]),
        issuerCertificate: h.qualified.certificate,
        nonce,
        now,
      }),
    ).rejects.toMatchObject({ code: 'MALFORMED_CERTIFICATE' });
  });
});
