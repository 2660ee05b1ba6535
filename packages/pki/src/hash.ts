/** The hashes used for key identifiers, OCSP CertIDs and signatures (WebCrypto names). */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The digest of `data` with the platform's WebCrypto (Node and browsers). */
export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, data as Uint8Array<ArrayBuffer>));
}
