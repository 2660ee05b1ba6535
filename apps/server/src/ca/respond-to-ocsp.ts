import {
  buildOcspErrorResponse,
  buildOcspResponse,
  formatSerialNumber,
  type OcspCertId,
  type OcspCertStatus,
  PkiError,
  parseOcspRequest,
} from '@tessera/pki';
import type { CaContext, LoadedAuthority } from './ca-context.js';
import { renewOcspResponderIfDue } from './renew-ocsp-responder.js';

/** RFC 8954: nonces of 1 to 32 octets are echoed; the extnValue adds the OCTET STRING header (2 octets). */
const MAX_NONCE_EXTENSION_LENGTH = 34;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function issuingCaOf(ctx: CaContext, id: OcspCertId): LoadedAuthority | undefined {
  if (id.hashAlgorithm === null) return undefined;
  for (const ca of ctx.authorities.values()) {
    const h = ca.hashes.get(id.hashAlgorithm);
    if (h && sameBytes(h.nameHash, id.issuerNameHash) && sameBytes(h.keyHash, id.issuerKeyHash)) return ca;
  }
  return undefined;
}

async function statusOf(ctx: CaContext, ca: LoadedAuthority, id: OcspCertId): Promise<OcspCertStatus> {
  if (id.serialNumber <= 0n || id.serialNumber >= 1n << 160n) return { status: 'unknown' };
  const record = await ctx.store.getIssued(formatSerialNumber(id.serialNumber));
  if (record === undefined || record.issuer !== ca.name) return { status: 'unknown' };
  if (record.revocation === undefined) return { status: 'good' };
  return {
    status: 'revoked',
    revokedAt: new Date(record.revocation.revokedAt),
    reason: record.revocation.reason,
  };
}

/**
 * Answers a DER OCSP request (RFC 6960) as the official clients expect (RP API digest §6.4a): a fresh response
 * signed by the issuing CA's delegated responder, the nonce echoed, the archive cutoff set to the CA's start.
 * A malformed request gets `malformedRequest`; CertIDs of CAs this server does not run (or of two different
 * CAs, or of the root) get `unauthorized`. Other failures throw, for the caller to answer `internalError`.
 */
export async function respondToOcsp(ctx: CaContext, der: Uint8Array): Promise<Uint8Array> {
  let request: ReturnType<typeof parseOcspRequest>;
  try {
    request = parseOcspRequest(der);
  } catch (error) {
    if (error instanceof PkiError) return buildOcspErrorResponse('malformedRequest');
    throw error;
  }
  const cas = request.certIds.map((id) => issuingCaOf(ctx, id));
  const ca = cas[0];
  if (ca === undefined || ca.responder === undefined || cas.some((c) => c !== ca)) {
    return buildOcspErrorResponse('unauthorized');
  }
  await renewOcspResponderIfDue(ctx, ca);
  const responder = ca.responder!;
  const now = ctx.clock.now();
  const responses = [];
  for (const id of request.certIds) {
    responses.push({
      certId: id.raw,
      certStatus: await statusOf(ctx, ca, id),
      thisUpdate: now,
      archiveCutoff: ca.parsed.notBefore,
    });
  }
  const nonce =
    request.nonce !== undefined && request.nonce.length <= MAX_NONCE_EXTENSION_LENGTH
      ? request.nonce
      : undefined;
  return buildOcspResponse({
    responses,
    producedAt: now,
    ...(nonce ? { nonce } : {}),
    responderCertificate: responder.certificate,
    signer: responder.signer,
  });
}
