import { equalBytes } from './issuer-context.js';
import { type ParsedCertificate, parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';
import { verifySignature } from './verify-signature.js';

/** Why a chain does not validate. */
export type ChainFailureReason =
  | 'NO_PATH_TO_TRUST_ANCHOR'
  | 'BAD_SIGNATURE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'ISSUER_NOT_A_CA'
  | 'PATH_LENGTH_EXCEEDED';

/** The outcome of chain validation: the path from the certificate up to its trust anchor, or why not. */
export type ChainValidationResult =
  | { readonly valid: true; readonly path: readonly ParsedCertificate[] }
  | { readonly valid: false; readonly reason: ChainFailureReason; readonly detail: string };

/** What chain validation takes: every expectation explicit, `now` included. */
export interface ValidateCertificateChainInput {
  readonly certificate: Uint8Array;
  readonly intermediates: readonly Uint8Array[];
  readonly trustAnchors: readonly Uint8Array[];
  readonly now: Date;
}

const MAX_DEPTH = 8;

function fail(reason: ChainFailureReason, detail: string): ChainValidationResult {
  return { valid: false, reason, detail };
}

function checkTime(cert: ParsedCertificate, now: Date, role: string): ChainValidationResult | undefined {
  if (now.getTime() < cert.notBefore.getTime()) return fail('NOT_YET_VALID', `The ${role} is not valid yet.`);
  if (now.getTime() > cert.notAfter.getTime()) return fail('EXPIRED', `The ${role} has expired.`);
  return undefined;
}

function mayIssue(cert: ParsedCertificate): boolean {
  return (
    cert.basicConstraints?.ca === true && (cert.keyUsage === undefined || cert.keyUsage.has('keyCertSign'))
  );
}

/**
 * PKIX-style path validation as the Smart-ID RP clients do it (RP API digest §6.4): build a path by issuer
 * name (and key identifier when both sides carry one) from the certificate through the given intermediates to
 * one of the trust anchors only; check every signature, validity at `now`, basicConstraints cA, keyCertSign and
 * pathLenConstraint. Revocation is not checked here (OCSP/CRL are separate). Malformed input throws.
 */
export async function validateCertificateChain(
  input: ValidateCertificateChainInput,
): Promise<ChainValidationResult> {
  const anchors = input.trustAnchors.map(parseCertificate);
  const intermediates = input.intermediates.map(parseCertificate);
  if (anchors.length === 0) throw new PkiError('INVALID_ARGUMENT', 'Chain validation needs a trust anchor.');
  const path: ParsedCertificate[] = [parseCertificate(input.certificate)];

  for (;;) {
    const current = path[path.length - 1]!;
    const role = path.length === 1 ? 'certificate' : 'intermediate certificate';
    const timeProblem = checkTime(current, input.now, role);
    if (timeProblem) return timeProblem;
    if (path.length === 1 && anchors.some((a) => equalBytes(a.der, current.der)))
      return { valid: true, path };

    const candidates = [
      ...anchors.map((c) => ({ c, anchor: true })),
      ...intermediates.map((c) => ({ c, anchor: false })),
    ]
      .filter(({ c }) => equalBytes(c.subject, current.issuer))
      .filter(
        ({ c }) =>
          current.authorityKeyIdentifier === undefined ||
          c.subjectKeyIdentifier === undefined ||
          equalBytes(current.authorityKeyIdentifier, c.subjectKeyIdentifier),
      )
      .filter(({ c }) => !path.some((p) => equalBytes(p.der, c.der)));
    if (candidates.length === 0) {
      return fail(
        'NO_PATH_TO_TRUST_ANCHOR',
        'No trusted or intermediate certificate issued this certificate.',
      );
    }

    let issuer: { c: ParsedCertificate; anchor: boolean } | undefined;
    for (const candidate of candidates) {
      if (
        await verifySignature(
          candidate.c.publicKey,
          current.signatureAlgorithm,
          current.tbs,
          current.signature,
        )
      ) {
        issuer = candidate;
        break;
      }
    }
    if (issuer === undefined) return fail('BAD_SIGNATURE', `The ${role}'s signature does not verify.`);
    if (!mayIssue(issuer.c))
      return fail('ISSUER_NOT_A_CA', 'An issuer is not a CA allowed to sign certificates.');
    const below = path.length - 1; // CA certificates between the issuer and the end entity
    const limit = issuer.c.basicConstraints?.pathLength;
    if (limit !== undefined && below > limit) {
      return fail(
        'PATH_LENGTH_EXCEEDED',
        'An issuer has more CAs below it than its pathLenConstraint allows.',
      );
    }
    if (issuer.anchor) {
      const anchorTime = checkTime(issuer.c, input.now, 'trust anchor');
      if (anchorTime) return anchorTime;
      return { valid: true, path: [...path, issuer.c] };
    }
    path.push(issuer.c);
    if (path.length > MAX_DEPTH) return fail('NO_PATH_TO_TRUST_ANCHOR', 'The chain is too long.');
  }
}
