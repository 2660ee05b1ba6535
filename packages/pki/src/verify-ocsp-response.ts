import type { OcspCertStatus } from './build-ocsp-response.js';
import {
  children,
  DerError,
  type DerNode,
  expectTag,
  octets,
  readBits,
  readBoolean,
  readDer,
  readInteger,
  readOctets,
  readOid,
  readTime,
  sequenceItems,
  TAG,
} from './der.js';
import { digest } from './hash.js';
import { equalBytes } from './issuer-context.js';
import { OID } from './oids.js';
import { type ParsedCertificate, parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';
import { subjectPublicKeyBits } from './public-key.js';
import { REVOCATION_REASON_CODES, type RevocationReason } from './revocation-reason.js';
import { verifySignature } from './verify-signature.js';

/**
 * What a verified OCSP response says of the certificate: its status (revoked and unknown are answers, not
 * errors) and the response's producedAt and the status's thisUpdate.
 */
export type OcspVerdict = OcspCertStatus & { readonly producedAt: Date; readonly thisUpdate: Date };

/** What `verifyOcspResponse` checks a response against: the request it answers and the time of checking. */
export interface VerifyOcspResponseInput {
  /** The DER OCSPResponse exactly as received. */
  readonly response: Uint8Array;
  /** The end-entity certificate DER the request asked about. */
  readonly certificate: Uint8Array;
  /** The DER certificate of the CA that issued `certificate`; the responder must be certified directly by it. */
  readonly issuerCertificate: Uint8Array;
  /** The raw nonce bytes given to `createOcspRequest`. */
  readonly nonce: Uint8Array;
  readonly now: Date;
}

/** producedAt and thisUpdate may be this far ahead of `now`: clock skew between responder and relying party. */
const SKEW_MS = 120_000;
/** A status whose thisUpdate is older than this is stale. */
const MAX_STATUS_AGE_MS = 900_000;
/** The only response signatures the official PHP client accepts, so the responder key is RSA. */
const RESPONSE_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set([OID.sha256WithRsa, OID.sha512WithRsa]);
/** Unsuccessful OCSPResponseStatus values by code (RFC 6960 §4.2.1), for the error message. */
const RESPONSE_STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};
const REASON_BY_CODE: ReadonlyMap<number, RevocationReason> = new Map(
  Object.entries(REVOCATION_REASON_CODES).map(([name, code]) => [code, name as RevocationReason]),
);

/** A CertID by value (RFC 6960 §4.1.1); hashAlgorithm parameters may be NULL or absent, so not compared as bytes. */
interface CertId {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialNumber: bigint;
}

interface SingleResponse {
  readonly certId: CertId;
  readonly certStatus: OcspCertStatus;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly extensions: ReadonlyMap<string, Uint8Array>;
}

/** A successful BasicOCSPResponse, decoded, with the raw bytes its signature covers. */
interface BasicResponse {
  /** tbsResponseData exactly as received. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: DerNode;
  readonly signatureAlgorithmOid: string;
  readonly signature: Uint8Array;
  /** The `certs` entries, DER. */
  readonly certs: readonly Uint8Array[];
  readonly version: bigint;
  readonly producedAt: Date;
  readonly responses: readonly SingleResponse[];
  readonly extensions: ReadonlyMap<string, Uint8Array>;
}

/** Throws the rejection for a broken rule; `rule` is one sentence saying which. */
function reject(rule: string, cause?: unknown): never {
  throw new PkiError('OCSP_RESPONSE_REJECTED', rule, cause === undefined ? undefined : { cause });
}

/** RFC 6960 times are GeneralizedTime only. */
function readGeneralizedTime(node: DerNode | undefined, what: string): Date {
  return readTime(expectTag(node, TAG.GENERALIZED_TIME, what), what);
}

/** An `[n] EXPLICIT Extensions` field by extnID; the caller decides what each extension means. */
function readExtensions(field: DerNode): Map<string, Uint8Array> {
  const [list, extra] = children(field);
  if (extra !== undefined) throw new DerError('Unexpected data after the extensions.');
  const out = new Map<string, Uint8Array>();
  for (const ext of sequenceItems(list, 'Extensions')) {
    const parts = sequenceItems(ext, 'Extension');
    if (parts.length < 2 || parts.length > 3) throw new DerError('Malformed Extension.');
    const id = readOid(parts[0], 'extnID');
    if (parts.length === 3) readBoolean(parts[1], 'critical');
    if (out.has(id)) throw new DerError(`Extension ${id} appears twice.`);
    out.set(id, readOctets(parts[parts.length - 1], 'extnValue'));
  }
  return out;
}

/** A CertID; its hash algorithm is kept as an OID so that any other than SHA-1 fails the comparison. */
function readCertId(node: DerNode | undefined): CertId {
  const [algorithm, nameHash, keyHash, serial, extra] = sequenceItems(node, 'CertID');
  if (extra !== undefined) throw new DerError('Unexpected fields in CertID.');
  const [hashOid, parameters, more] = sequenceItems(algorithm, 'hashAlgorithm');
  if (parameters !== undefined) expectTag(parameters, TAG.NULL, 'hash parameters');
  if (more !== undefined) throw new DerError('Unexpected fields in hashAlgorithm.');
  return {
    hashAlgorithm: readOid(hashOid, 'hash algorithm'),
    issuerNameHash: readOctets(nameHash, 'issuerNameHash'),
    issuerKeyHash: readOctets(keyHash, 'issuerKeyHash'),
    serialNumber: readInteger(serial, 'serialNumber'),
  };
}

/** CertStatus: good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL. */
function readCertStatus(node: DerNode | undefined): OcspCertStatus {
  if (node === undefined) throw new DerError('Missing certStatus.');
  if ((node.tag === 0x80 || node.tag === 0x82) && node.content.length === 0) {
    return { status: node.tag === 0x80 ? 'good' : 'unknown' };
  }
  if (node.tag !== 0xa1) throw new DerError('Unknown certStatus.');
  const [time, reasonField, extra] = children(node);
  if (extra !== undefined) throw new DerError('Unexpected fields in RevokedInfo.');
  const revokedAt = readGeneralizedTime(time, 'revocationTime');
  if (reasonField === undefined) return { status: 'revoked', revokedAt };
  const [reasonNode, more] = children(expectTag(reasonField, 0xa0, 'revocationReason'));
  const code = expectTag(reasonNode, TAG.ENUMERATED, 'CRLReason').content;
  const reason = code.length === 1 ? REASON_BY_CODE.get(code[0]!) : undefined;
  if (more !== undefined || reason === undefined) throw new DerError('Unknown CRLReason.');
  return { status: 'revoked', revokedAt, reason };
}

/** A SingleResponse; an Archive Cutoff, when present, must hold a GeneralizedTime. */
function readSingleResponse(node: DerNode): SingleResponse {
  const [certId, certStatus, thisUpdate, ...optional] = sequenceItems(node, 'SingleResponse');
  let nextUpdate: Date | undefined;
  let extensions = new Map<string, Uint8Array>();
  let at = 0;
  if (optional[at]?.tag === 0xa0) {
    const [time, extra] = children(optional[at++]!);
    if (extra !== undefined) throw new DerError('Unexpected data in nextUpdate.');
    nextUpdate = readGeneralizedTime(time, 'nextUpdate');
  }
  if (optional[at]?.tag === 0xa1) extensions = readExtensions(optional[at++]!);
  if (optional[at] !== undefined) throw new DerError('Unexpected fields in SingleResponse.');
  const archiveCutoff = extensions.get(OID.ocspArchiveCutoff);
  if (archiveCutoff !== undefined) readGeneralizedTime(readDer(archiveCutoff), 'archiveCutoff');
  return {
    certId: readCertId(certId),
    certStatus: readCertStatus(certStatus),
    thisUpdate: readGeneralizedTime(thisUpdate, 'thisUpdate'),
    ...(nextUpdate !== undefined ? { nextUpdate } : {}),
    extensions,
  };
}

/**
 * Decodes an OCSPResponse down to its BasicOCSPResponse. Rejects an unsuccessful status and any other response
 * type with their own sentences; anything that is not DER of the RFC 6960 shape throws DerError.
 */
function decodeResponse(der: Uint8Array): BasicResponse {
  const [statusNode, bytesField, extra] = sequenceItems(readDer(der), 'OCSPResponse');
  if (extra !== undefined) throw new DerError('Unexpected fields in OCSPResponse.');
  const status = expectTag(statusNode, TAG.ENUMERATED, 'responseStatus').content;
  if (status.length !== 1) throw new DerError('Malformed responseStatus.');
  if (status[0] !== 0) {
    const name = RESPONSE_STATUS_NAMES[status[0]!] ?? `status ${status[0]}`;
    reject(`The OCSP responder answered ${name} instead of successful.`);
  }
  if (bytesField === undefined) reject('The successful OCSP response carries no responseBytes.');
  const [responseBytes, more] = children(expectTag(bytesField, 0xa0, 'responseBytes'));
  if (more !== undefined) throw new DerError('Unexpected data in responseBytes.');
  const [type, body, rest] = sequenceItems(responseBytes, 'ResponseBytes');
  if (rest !== undefined) throw new DerError('Unexpected fields in ResponseBytes.');
  if (readOid(type, 'responseType') !== OID.ocspBasic)
    reject('The OCSP response is not a BasicOCSPResponse.');

  const [tbsNode, signatureAlgorithm, signatureNode, certsField, after] = sequenceItems(
    readDer(readOctets(body, 'response')),
    'BasicOCSPResponse',
  );
  if (after !== undefined || (certsField !== undefined && certsField.tag !== 0xa0)) {
    throw new DerError('Unexpected fields in BasicOCSPResponse.');
  }
  const signatureAlgorithmOid = readOid(
    sequenceItems(signatureAlgorithm, 'signatureAlgorithm')[0],
    'algorithm',
  );
  const signature = readBits(signatureNode, 'signature');
  if (signature.unusedBits !== 0) throw new DerError('The signature has unused bits.');
  let certs: Uint8Array[] = [];
  if (certsField !== undefined) {
    const [list, extraCerts] = children(certsField);
    if (extraCerts !== undefined) throw new DerError('Unexpected data in certs.');
    certs = sequenceItems(list, 'certs').map((c) => expectTag(c, TAG.SEQUENCE, 'Certificate').raw);
  }

  const fields = sequenceItems(tbsNode, 'ResponseData');
  let at = 0;
  let version = 0n;
  if (fields[at]?.tag === 0xa0) {
    const [value, extraVersion] = children(fields[at++]!);
    if (extraVersion !== undefined) throw new DerError('Unexpected data in version.');
    version = readInteger(value, 'version');
  }
  // responderID (byName [1] or byKey [2]) is not matched: §6.4a takes the first embedded certificate as the
  // responder, and its key has to verify the signature.
  const responderId = fields[at++];
  if (responderId?.tag !== 0xa1 && responderId?.tag !== 0xa2) throw new DerError('Malformed responderID.');
  const producedAt = readGeneralizedTime(fields[at++], 'producedAt');
  const responses = sequenceItems(fields[at++], 'responses').map(readSingleResponse);
  let extensions = new Map<string, Uint8Array>();
  if (fields[at]?.tag === 0xa1) extensions = readExtensions(fields[at++]!);
  if (fields[at] !== undefined) throw new DerError('Unexpected fields in ResponseData.');
  return {
    tbs: tbsNode!.raw,
    signatureAlgorithm: signatureAlgorithm!,
    signatureAlgorithmOid,
    signature: signature.bytes,
    certs,
    version,
    producedAt,
    responses,
    extensions,
  };
}

/** Whether the certificate's extKeyUsage lists id-kp-OCSPSigning; throws DerError if the extension is broken. */
function hasOcspSigning(certificate: ParsedCertificate): boolean {
  const eku = certificate.extensions.get(OID.extKeyUsage);
  if (eku === undefined) return false;
  return sequenceItems(readDer(eku.value), 'extKeyUsage').some(
    (purpose) => readOid(purpose, 'KeyPurposeId') === OID.ocspSigning,
  );
}

/**
 * The embedded responder certificate (the first of `certs`), checked as §6.4a requires: signed directly by the
 * issuing CA (issuer name and signature), with EKU id-kp-OCSPSigning, valid at `now`.
 */
async function checkResponder(
  certs: readonly Uint8Array[],
  issuingCa: ParsedCertificate,
  now: number,
): Promise<ParsedCertificate> {
  const der = certs[0] ?? reject('The OCSP response does not embed its responder certificate.');
  let responder: ParsedCertificate;
  let ocspSigning: boolean;
  try {
    responder = parseCertificate(der);
    ocspSigning = hasOcspSigning(responder);
  } catch (cause) {
    reject('The embedded OCSP responder certificate is not a well-formed X.509 certificate.', cause);
  }
  const notSignedByCa = "The OCSP responder certificate is not signed by the certificate's issuing CA.";
  if (!equalBytes(responder.issuer, issuingCa.subject)) reject(notSignedByCa);
  let signedByCa: boolean;
  try {
    signedByCa = await verifySignature(
      issuingCa.publicKey,
      responder.signatureAlgorithm,
      responder.tbs,
      responder.signature,
    );
  } catch (cause) {
    reject(notSignedByCa, cause); // an algorithm that is unsupported or does not fit the CA key
  }
  if (!signedByCa) reject(notSignedByCa);
  if (!ocspSigning) reject('The OCSP responder certificate lacks the id-kp-OCSPSigning extended key usage.');
  if (now < responder.notBefore.getTime() || now > responder.notAfter.getTime()) {
    reject('The OCSP responder certificate is not valid at the time of checking.');
  }
  return responder;
}

/**
 * Checks a DER OCSP response to a `createOcspRequest` request (SHA-1 CertID, nonce) for `certificate` exactly
 * as the official PHP v3 client does (RP API digest §6.4a), and returns the certificate's status. Rules:
 * responseStatus successful; a BasicOCSPResponse v1; its first certificate is the responder, signed directly by
 * `issuerCertificate`, with EKU id-kp-OCSPSigning and valid at `now`; the signature is sha256WithRSAEncryption or
 * sha512WithRSAEncryption over the received tbsResponseData; the nonce echoed; producedAt at most 120 s ahead;
 * the first SingleResponse has the request's CertID, a thisUpdate at most 120 s ahead and at most 900 s old, a
 * nextUpdate (if any) not passed, and an Archive Cutoff extension. Authenticity is checked before content, so a
 * tampered response is reported as such. Revoked and unknown are returned; every broken rule (malformed DER
 * included) throws OCSP_RESPONSE_REJECTED with one sentence naming it. Malformed `certificate` or
 * `issuerCertificate` throws MALFORMED_CERTIFICATE, an invalid `now` INVALID_ARGUMENT.
 */
export async function verifyOcspResponse(input: VerifyOcspResponseInput): Promise<OcspVerdict> {
  const now = input.now.getTime();
  if (Number.isNaN(now)) throw new PkiError('INVALID_ARGUMENT', 'The time of checking is not a valid date.');
  const certificate = parseCertificate(input.certificate);
  const issuingCa = parseCertificate(input.issuerCertificate);

  let response: BasicResponse;
  try {
    response = decodeResponse(input.response);
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    reject('The OCSP response is not a well-formed DER OCSPResponse.', cause);
  }
  if (response.version !== 0n) reject('The OCSP response is not version 1.');

  const responder = await checkResponder(response.certs, issuingCa, now);
  if (!RESPONSE_SIGNATURE_ALGORITHMS.has(response.signatureAlgorithmOid)) {
    reject('The OCSP response is signed with neither sha256WithRSAEncryption nor sha512WithRSAEncryption.');
  }
  const badSignature = "The OCSP response signature does not verify with the responder certificate's key.";
  let signed: boolean;
  try {
    signed = await verifySignature(
      responder.publicKey,
      response.signatureAlgorithm,
      response.tbs,
      response.signature,
    );
  } catch (cause) {
    reject(badSignature, cause); // e.g. an EC responder key, or RSA parameters that are not NULL
  }
  if (!signed) reject(badSignature);

  // RFC 8954: the extnValue content is the request's, an OCTET STRING wrapping the raw nonce.
  const echoed = response.extensions.get(OID.ocspNonce);
  if (echoed === undefined || !equalBytes(echoed, octets(input.nonce))) {
    reject('The OCSP response does not echo the request nonce.');
  }
  if (response.producedAt.getTime() > now + SKEW_MS) {
    reject('The OCSP response was produced more than 120 seconds in the future.');
  }

  const single = response.responses[0] ?? reject('The OCSP response carries no SingleResponse.');
  // The request's CertID: SHA-1 over the issuer name as the certificate encodes it and over the CA key bits.
  const { certId } = single;
  if (
    certId.hashAlgorithm !== OID.sha1 ||
    certId.serialNumber !== certificate.serialNumber ||
    !equalBytes(certId.issuerNameHash, await digest('SHA-1', certificate.issuer)) ||
    !equalBytes(certId.issuerKeyHash, await digest('SHA-1', subjectPublicKeyBits(issuingCa.publicKey)))
  ) {
    reject("The OCSP response's first SingleResponse is not about the requested certificate.");
  }
  const thisUpdate = single.thisUpdate.getTime();
  if (thisUpdate > now + SKEW_MS)
    reject('The OCSP status thisUpdate is more than 120 seconds in the future.');
  if (now - thisUpdate > MAX_STATUS_AGE_MS)
    reject('The OCSP status thisUpdate is more than 900 seconds old.');
  if (single.nextUpdate !== undefined && single.nextUpdate.getTime() < now) {
    reject('The OCSP status nextUpdate has passed.');
  }
  if (!single.extensions.has(OID.ocspArchiveCutoff)) {
    reject('The OCSP SingleResponse carries no Archive Cutoff extension.');
  }
  return { ...single.certStatus, producedAt: response.producedAt, thisUpdate: single.thisUpdate };
}
