import {
  type CertificateLevel,
  type CertificatePurpose,
  encodeBase64,
  formatSerialNumber,
  generateSerialNumber,
  issueCertificate,
  type SubjectIdentity,
  selectEndEntityProfile,
} from '@tessera/pki';
import type { CaContext } from './ca-context.js';
import { CaError } from './ca-error.js';
import { issuingCaOf } from './ca-names.js';
import { addYears } from './validity.js';

/** An end-entity issuance request: a CSR signed with the account's key and the account's identity data. */
export interface IssueRequest {
  /** DER PKCS#10, signed through the two-party protocol (the proof of possession). */
  readonly csr: Uint8Array;
  readonly level: CertificateLevel;
  readonly purpose: CertificatePurpose;
  readonly identity: SubjectIdentity;
  /** The account's validity; by default from now for the policy's years (3). */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** An issued end-entity certificate. */
export interface IssuedCertificate {
  readonly serial: string;
  readonly certificate: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Issues an end-entity certificate from the level's issuing CA and records it. The CSR's signature is verified
 * first (inside issueCertificate); PkiError codes pass through for the caller to map.
 */
export async function issueEndEntityCertificate(
  ctx: CaContext,
  request: IssueRequest,
): Promise<IssuedCertificate> {
  const ca = ctx.authorities.get(issuingCaOf(request.level))!;
  const notBefore = request.notBefore ?? new Date(Math.floor(ctx.clock.now().getTime() / 1000) * 1000);
  const notAfter = request.notAfter ?? addYears(notBefore, ctx.policy.endEntityValidityYears);
  for (let attempt = 0; ; attempt++) {
    const serial = generateSerialNumber(ctx.random);
    const certificate = await issueCertificate({
      csr: request.csr,
      subject: request.identity,
      profile: selectEndEntityProfile(ctx.policy, request.level, request.purpose),
      issuer: { certificate: ca.certificate, urls: ca.urls },
      serial,
      notBefore,
      notAfter,
      signer: ca.signer,
    });
    const hex = formatSerialNumber(serial);
    try {
      await ctx.store.addIssued({
        serial: hex,
        issuer: ca.name,
        kind: 'END_ENTITY',
        documentNumber: request.identity.documentNumber,
        level: request.level,
        purpose: request.purpose,
        issuedAt: ctx.clock.now().toISOString(),
        notAfter: notAfter.toISOString(),
        certificate: encodeBase64(certificate),
      });
    } catch (error) {
      // 127 random bits collide practically never; a broken random source should not loop forever.
      if (error instanceof CaError && error.code === 'SERIAL_EXISTS' && attempt < 2) continue;
      throw error;
    }
    return { serial: hex, certificate, notBefore, notAfter };
  }
}
