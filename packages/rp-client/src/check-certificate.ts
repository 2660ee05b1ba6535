import { X509Certificate } from 'node:crypto';
import {
  type CertificateContents,
  createOcspRequest,
  decodeBase64,
  readCertificateContents,
  validateCertificateChain,
  verifyOcspResponse,
} from '@tessera/pki';
import {
  type CertificateLevel,
  parseSemanticsIdentifier,
  readDateOfBirthFromNationalCode,
  type SessionCertificate,
  type SigningCertificateLevel,
} from '@tessera/protocol';
import type { CertificatePolicyTable, CertificatePurpose } from './certificate-policies.js';
import { RpClientError, reject } from './rp-client-error.js';
import type { PersonIdentity, VerifiedCertificate } from './session-outcome.js';

/** The certificates the relying party trusts, and only those (spec §6.4 point 1). */
export interface TrustStore {
  readonly anchors: readonly Uint8Array[];
  readonly intermediates: readonly Uint8Array[];
}

/** Revocation checking through the certificate's OCSP responder (spec §6.4a). */
export interface OcspSettings {
  /** Overrides the AIA URL, e.g. for a responder reached through a proxy. */
  readonly responderUrl?: string;
}

/** What a certificate is checked against. */
export interface CertificateExpectations {
  readonly purpose: CertificatePurpose;
  readonly requestedLevel: SigningCertificateLevel;
  readonly trust: TrustStore;
  readonly policies: CertificatePolicyTable;
  readonly ocsp: OcspSettings | null;
  readonly now: Date;
  readonly fetch: typeof fetch;
  readonly random: (length: number) => Uint8Array;
  readonly requestTimeoutMs: number;
}

/** A certificate that passed every check, with what the relying party reads from it. */
export interface CheckedCertificate {
  readonly certificate: VerifiedCertificate;
  readonly contents: CertificateContents;
  readonly x509: X509Certificate;
  readonly identity: PersonIdentity;
}

const LEVEL_RANK: Readonly<Record<SigningCertificateLevel, number>> = { ADVANCED: 1, QUALIFIED: 2, QSCD: 2 };
const SMART_ID_AUTHENTICATION_EKU = '1.3.6.1.4.1.62306.5.7.0';
const CLIENT_AUTH_EKU = '1.3.6.1.5.5.7.3.2';
const QC_TYPE_ESIGN = '0.4.0.1862.1.6.1';

function checkPurpose(
  contents: CertificateContents,
  purpose: CertificatePurpose,
  level: CertificateLevel,
): void {
  const ku = contents.parsed.keyUsage ?? new Set();
  if (purpose === 'signing') {
    if (!ku.has('nonRepudiation')) reject('The signing certificate lacks the nonRepudiation key usage.');
    if (level === 'QUALIFIED' && !contents.qcTypes.includes(QC_TYPE_ESIGN)) {
      reject('The qualified signing certificate has no QcType esign statement.');
    }
    return;
  }
  const eku = contents.extendedKeyUsage;
  const current = ku.has('digitalSignature') && eku.includes(SMART_ID_AUTHENTICATION_EKU);
  const older =
    ku.has('digitalSignature') &&
    ku.has('keyEncipherment') &&
    ku.has('dataEncipherment') &&
    eku.includes(CLIENT_AUTH_EKU);
  if (!current && !older) reject('The certificate is not an authentication certificate (key usage and EKU).');
}

function identityOf(contents: CertificateContents): PersonIdentity {
  const attribute = (type: string) =>
    contents.subject.find((a) => a.type === type)?.value ?? reject(`The certificate subject has no ${type}.`);
  const semanticsIdentifier = attribute('serialNumber');
  let parsed: ReturnType<typeof parseSemanticsIdentifier>;
  try {
    parsed = parseSemanticsIdentifier(semanticsIdentifier);
  } catch {
    reject('The certificate subject serialNumber is not a semantics identifier.');
  }
  return {
    semanticsIdentifier,
    identityType: parsed.identityType,
    country: parsed.countryCode,
    identityNumber: parsed.identityNumber,
    givenName: attribute('GN'),
    surname: attribute('SN'),
    dateOfBirth: contents.dateOfBirth ?? readDateOfBirthFromNationalCode(parsed),
  };
}

async function checkRevocation(
  der: Uint8Array,
  issuer: Uint8Array,
  url: string,
  expected: CertificateExpectations,
): Promise<void> {
  const nonce = expected.random(32);
  const request = await createOcspRequest({ certificate: der, issuerCertificate: issuer, nonce });
  let response: Uint8Array;
  try {
    const answer = await expected.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: request,
      signal: AbortSignal.timeout(expected.requestTimeoutMs),
    });
    if (!answer.ok) {
      throw new RpClientError('UNREACHABLE', `The OCSP responder answered HTTP ${answer.status}.`, {
        status: answer.status,
      });
    }
    response = new Uint8Array(await answer.arrayBuffer());
  } catch (cause) {
    if (cause instanceof RpClientError) throw cause;
    throw new RpClientError('UNREACHABLE', `The OCSP responder at ${url} cannot be reached.`, { cause });
  }
  let status: Awaited<ReturnType<typeof verifyOcspResponse>>;
  try {
    status = await verifyOcspResponse({
      response,
      certificate: der,
      issuerCertificate: issuer,
      nonce,
      now: expected.now,
    });
  } catch (cause) {
    throw new RpClientError(
      'RESPONSE_REJECTED',
      `The OCSP response is not acceptable: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  if (status.status === 'revoked') {
    throw new RpClientError(
      'CERTIFICATE_REVOKED',
      `The certificate was revoked on ${status.revokedAt.toISOString()}.`,
    );
  }
  if (status.status !== 'good')
    throw new RpClientError('CERTIFICATE_REVOKED', 'The OCSP responder does not know the certificate.');
}

/**
 * The certificate checks of spec §6.4: a DER certificate chaining to the trust store only, valid now, of the
 * claimed level and at least the requested one, carrying that level's policies, fit for the purpose (key usage,
 * EKU, QcType esign for qualified signing), not revoked when OCSP is on; then the person it names. Throws
 * `RESPONSE_REJECTED` (or `CERTIFICATE_REVOKED`) naming the first failed check.
 */
export async function checkCertificate(
  cert: SessionCertificate,
  expected: CertificateExpectations,
): Promise<CheckedCertificate> {
  const der = decodeBase64(cert.value) ?? reject('The certificate is not Base64.');
  let contents: CertificateContents;
  try {
    contents = readCertificateContents(der);
  } catch {
    reject('The certificate is not a readable X.509 certificate.');
  }
  const level = cert.certificateLevel;
  if (LEVEL_RANK[level] < LEVEL_RANK[expected.requestedLevel]) {
    reject(`The certificate is ${level}; ${expected.requestedLevel} was requested.`);
  }
  const required = expected.policies[level][expected.purpose];
  const missing = required.filter((oid) => !contents.policies.includes(oid));
  if (missing.length > 0)
    reject(`The certificate lacks the ${level} ${expected.purpose} policies ${missing.join(', ')}.`);
  checkPurpose(contents, expected.purpose, level);
  let chain: Awaited<ReturnType<typeof validateCertificateChain>>;
  try {
    chain = await validateCertificateChain({
      certificate: der,
      trustAnchors: expected.trust.anchors,
      intermediates: expected.trust.intermediates,
      now: expected.now,
    });
  } catch {
    reject('The certificate chain cannot be read.');
  }
  if (!chain.valid) reject(`The certificate does not chain to a trusted CA: ${chain.detail}`);
  if (expected.ocsp !== null) {
    const url =
      expected.ocsp.responderUrl ?? contents.ocspUrl ?? reject('The certificate names no OCSP responder.');
    const issuer = chain.path[1]?.der ?? reject('The certificate is itself a trust anchor.');
    await checkRevocation(der, issuer, url, expected);
  }
  return {
    certificate: { value: cert.value, certificateLevel: level, notAfter: contents.parsed.notAfter },
    contents,
    x509: new X509Certificate(der),
    identity: identityOf(contents),
  };
}
