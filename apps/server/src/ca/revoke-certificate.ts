import { formatSerialNumber, PkiError, parseSerialNumber, type RevocationReason } from '@tessera/pki';
import type { CaContext } from './ca-context.js';
import { CaError } from './ca-error.js';
import type { IssuedCertificateRecord } from './ca-store.js';

/** The outcome of a revocation: the stored record, and whether it had been revoked before. */
export interface RevocationOutcome {
  readonly record: IssuedCertificateRecord;
  readonly alreadyRevoked: boolean;
}

/** Reasons the CA accepts: certificates are never suspended (a temporary lock does not revoke). */
const REFUSED_REASONS: readonly RevocationReason[] = ['certificateHold', 'removeFromCRL', 'aACompromise'];

/**
 * Revokes a certificate by serial (hex). Throws CaError INVALID_SERIAL, CERTIFICATE_NOT_FOUND or
 * UNSUPPORTED_REVOCATION_REASON. Revoking a revoked certificate keeps the first revocation.
 */
export async function revokeCertificate(
  ctx: CaContext,
  serialText: string,
  reason: RevocationReason,
): Promise<RevocationOutcome> {
  if (REFUSED_REASONS.includes(reason)) {
    throw new CaError(
      'UNSUPPORTED_REVOCATION_REASON',
      `The reason ${reason} is not used: revocation is final.`,
    );
  }
  let serial: string;
  try {
    serial = formatSerialNumber(parseSerialNumber(serialText));
  } catch (cause) {
    if (cause instanceof PkiError) throw new CaError('INVALID_SERIAL', cause.message, { cause });
    throw cause;
  }
  const before = await ctx.store.getIssued(serial);
  if (before === undefined) {
    throw new CaError('CERTIFICATE_NOT_FOUND', `No certificate with serial ${serial} was issued by this CA.`);
  }
  const record = await ctx.store.revoke(serial, { revokedAt: ctx.clock.now().toISOString(), reason });
  if (record === undefined) {
    throw new CaError('CERTIFICATE_NOT_FOUND', `No certificate with serial ${serial} was issued by this CA.`);
  }
  ctx.crlCache.delete(record.issuer);
  return { record, alreadyRevoked: before.revocation !== undefined };
}
