import { digest, type HashName } from './hash.js';
import { parseCertificate } from './parse-certificate.js';
import { subjectPublicKeyBits } from './public-key.js';

/** The CertID hashes identifying an issuer (RFC 6960 §4.1.1): over its subject Name DER and its key bits. */
export interface IssuerHashes {
  readonly nameHash: Uint8Array;
  readonly keyHash: Uint8Array;
}

/** The CertID hashes of the CA whose certificate is `caCertificate`, with `hash`. */
export async function computeIssuerHashes(caCertificate: Uint8Array, hash: HashName): Promise<IssuerHashes> {
  const ca = parseCertificate(caCertificate);
  return {
    nameHash: await digest(hash, ca.subject),
    keyHash: await digest(hash, subjectPublicKeyBits(ca.publicKey)),
  };
}
