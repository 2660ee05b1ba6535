import { explicit, int, nul, octets, oid, seq } from './der.js';
import { encodeExtension } from './extensions.js';
import type { HashName } from './hash.js';
import { computeIssuerHashes } from './issuer-hashes.js';
import { OID } from './oids.js';
import { parseCertificate } from './parse-certificate.js';
import { PkiError } from './pki-error.js';

const HASH_OIDS: Readonly<Record<HashName, string>> = {
  'SHA-1': OID.sha1,
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
};

/**
 * A DER OCSP request for one certificate, as the official PHP client sends it by default: SHA-1 CertID and,
 * when given, a nonce (the raw nonce bytes, wrapped in an OCTET STRING per RFC 8954).
 */
export async function createOcspRequest(input: {
  certificate: Uint8Array;
  issuerCertificate: Uint8Array;
  nonce?: Uint8Array;
  hash?: HashName;
}): Promise<Uint8Array<ArrayBuffer>> {
  const hash = input.hash ?? 'SHA-1';
  const cert = parseCertificate(input.certificate);
  if (cert.serialNumber <= 0n)
    throw new PkiError('INVALID_ARGUMENT', 'The certificate has no positive serial.');
  const { nameHash, keyHash } = await computeIssuerHashes(input.issuerCertificate, hash);
  const certId = seq(
    seq(oid(HASH_OIDS[hash]), nul()),
    octets(nameHash),
    octets(keyHash),
    int(cert.serialNumber),
  );
  const extensions =
    input.nonce !== undefined
      ? explicit(2, seq(encodeExtension({ oid: OID.ocspNonce, critical: false, value: octets(input.nonce) })))
      : undefined;
  return seq(seq(seq(seq(certId)), extensions));
}
