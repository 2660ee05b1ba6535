import { enumerated, explicit, int, seq, x509Time } from './der.js';
import { authorityKeyIdentifier, encodeExtension, keyIdentifier } from './extensions.js';
import { equalBytes } from './issuer-context.js';
import { OID } from './oids.js';
import { parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';
import { REVOCATION_REASON_CODES, type RevocationReason } from './revocation-reason.js';
import { signStructure, wholeSeconds } from './sign-certificate.js';
import { encodeSignatureAlgorithm, type Signer } from './signer.js';

/** One revoked certificate on a CRL. */
export interface CrlEntry {
  readonly serialNumber: bigint;
  readonly revokedAt: Date;
  /** Left off the entry when `unspecified` (RFC 5280 §5.3.1 SHOULD). */
  readonly reason?: RevocationReason;
}

/** What a CRL takes; `signer` holds the issuing CA's key. */
export interface BuildCrlInput {
  readonly issuerCertificate: Uint8Array;
  readonly signer: Signer;
  readonly thisUpdate: Date;
  /** Always set: relying parties (and OpenSSL) treat a CRL without nextUpdate as stale or invalid. */
  readonly nextUpdate: Date;
  /** Monotonically increasing per CA (cRLNumber, RFC 5280 §5.2.3). */
  readonly crlNumber: bigint;
  readonly entries: readonly CrlEntry[];
}

/** A v2 CRL (RFC 5280 §5) with authorityKeyIdentifier and cRLNumber, signed by the issuing CA. */
export async function buildCrl(input: BuildCrlInput): Promise<Uint8Array<ArrayBuffer>> {
  const issuer = parseCertificate(input.issuerCertificate);
  if (!equalBytes(issuer.publicKey, input.signer.publicKey)) {
    throw new PkiError('SIGNER_MISMATCH', "The signer's key is not the CRL issuer's key.");
  }
  const thisUpdate = wholeSeconds(input.thisUpdate);
  const nextUpdate = wholeSeconds(input.nextUpdate);
  if (!(nextUpdate.getTime() > thisUpdate.getTime())) {
    throw new PkiError('INVALID_VALIDITY', 'nextUpdate must be later than thisUpdate.');
  }
  if (input.crlNumber < 0n) throw new PkiError('INVALID_ARGUMENT', 'A CRL number is not negative.');
  const entries = [...input.entries]
    .sort((a, b) => (a.serialNumber < b.serialNumber ? -1 : a.serialNumber > b.serialNumber ? 1 : 0))
    .map((e) =>
      seq(
        int(e.serialNumber),
        x509Time(wholeSeconds(e.revokedAt)),
        e.reason !== undefined && e.reason !== 'unspecified'
          ? seq(
              encodeExtension({
                oid: OID.crlReason,
                critical: false,
                value: enumerated(REVOCATION_REASON_CODES[e.reason]),
              }),
            )
          : undefined,
      ),
    );
  const akid = authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? (await keyIdentifier(issuer.publicKey)));
  const tbs = seq(
    int(1),
    encodeSignatureAlgorithm(input.signer.algorithm),
    issuer.subject,
    x509Time(thisUpdate),
    x509Time(nextUpdate),
    entries.length > 0 ? seq(...entries) : undefined,
    explicit(
      0,
      seq(
        encodeExtension(akid),
        encodeExtension({ oid: OID.crlNumber, critical: false, value: int(input.crlNumber) }),
      ),
    ),
  );
  return signStructure(tbs, input.signer);
}
