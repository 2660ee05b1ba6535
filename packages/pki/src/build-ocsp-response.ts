import {
  bits,
  enumerated,
  explicit,
  generalizedTime,
  implicitConstructed,
  implicitPrimitive,
  octets,
  oid,
  seq,
} from './der.js';
import { encodeExtension } from './extensions.js';
import { digest } from './hash.js';
import { equalBytes } from './issuer-context.js';
import { OID } from './oids.js';
import { parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';
import { subjectPublicKeyBits } from './public-key.js';
import { REVOCATION_REASON_CODES, type RevocationReason } from './revocation-reason.js';
import { wholeSeconds } from './sign-certificate.js';
import { encodeSignatureAlgorithm, type Signer } from './signer.js';

/** The status of one certificate in a response. */
export type OcspCertStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revokedAt: Date; readonly reason?: RevocationReason }
  | { readonly status: 'unknown' };

/** One SingleResponse. */
export interface OcspSingleResponse {
  /** The CertID DER exactly as the request carried it. */
  readonly certId: Uint8Array;
  readonly certStatus: OcspCertStatus;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** id-pkix-ocsp-archive-cutoff (RFC 6960 §4.4.4): status is kept from this date on. */
  readonly archiveCutoff?: Date;
}

/** What a signed BasicOCSPResponse takes; `signer` holds the responder certificate's key. */
export interface BuildOcspResponseInput {
  readonly responses: readonly OcspSingleResponse[];
  readonly producedAt: Date;
  /** The request's nonce extnValue content, echoed unchanged (RFC 8954). */
  readonly nonce?: Uint8Array;
  /** The responder certificate DER, embedded in `certs`. */
  readonly responderCertificate: Uint8Array;
  readonly signer: Signer;
}

/** The unsuccessful OCSPResponseStatus values (RFC 6960 §4.2.1). */
export type OcspErrorStatus =
  | 'malformedRequest'
  | 'internalError'
  | 'tryLater'
  | 'sigRequired'
  | 'unauthorized';

const ERROR_CODES: Readonly<Record<OcspErrorStatus, number>> = {
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
};

function encodeCertStatus(s: OcspCertStatus): Uint8Array {
  switch (s.status) {
    case 'good':
      return implicitPrimitive(0, new Uint8Array());
    case 'unknown':
      return implicitPrimitive(2, new Uint8Array());
    case 'revoked':
      return implicitConstructed(
        1,
        generalizedTime(wholeSeconds(s.revokedAt)),
        ...(s.reason !== undefined ? [explicit(0, enumerated(REVOCATION_REASON_CODES[s.reason]))] : []),
      );
  }
}

function encodeSingleResponse(r: OcspSingleResponse): Uint8Array {
  return seq(
    r.certId,
    encodeCertStatus(r.certStatus),
    generalizedTime(wholeSeconds(r.thisUpdate)),
    r.nextUpdate !== undefined ? explicit(0, generalizedTime(wholeSeconds(r.nextUpdate))) : undefined,
    r.archiveCutoff !== undefined
      ? explicit(
          1,
          seq(
            encodeExtension({
              oid: OID.ocspArchiveCutoff,
              critical: false,
              value: generalizedTime(wholeSeconds(r.archiveCutoff)),
            }),
          ),
        )
      : undefined,
  );
}

/**
 * A successful OCSPResponse with a BasicOCSPResponse (v1, responder by key hash, the responder certificate
 * embedded), signed by the delegated responder. Throws SIGNER_MISMATCH if the signer does not hold the
 * responder certificate's key.
 */
export async function buildOcspResponse(input: BuildOcspResponseInput): Promise<Uint8Array<ArrayBuffer>> {
  if (input.responses.length === 0)
    throw new PkiError('INVALID_ARGUMENT', 'A response needs a SingleResponse.');
  const responder = parseCertificate(input.responderCertificate);
  if (!equalBytes(responder.publicKey, input.signer.publicKey)) {
    throw new PkiError('SIGNER_MISMATCH', "The signer's key is not the responder certificate's key.");
  }
  const responderKeyHash = await digest('SHA-1', subjectPublicKeyBits(responder.publicKey));
  const tbs = seq(
    explicit(2, octets(responderKeyHash)),
    generalizedTime(wholeSeconds(input.producedAt)),
    seq(...input.responses.map(encodeSingleResponse)),
    input.nonce !== undefined
      ? explicit(1, seq(encodeExtension({ oid: OID.ocspNonce, critical: false, value: input.nonce })))
      : undefined,
  );
  const signature = await input.signer.sign(tbs);
  const basic = seq(
    tbs,
    encodeSignatureAlgorithm(input.signer.algorithm),
    bits(signature),
    explicit(0, seq(input.responderCertificate)),
  );
  return seq(enumerated(0), explicit(0, seq(oid(OID.ocspBasic), octets(basic))));
}

/** An unsuccessful OCSPResponse: just the status, no response bytes (RFC 6960 §4.2.1). */
export function buildOcspErrorResponse(status: OcspErrorStatus): Uint8Array<ArrayBuffer> {
  return seq(enumerated(ERROR_CODES[status]));
}
