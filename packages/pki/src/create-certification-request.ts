import { explicit, int, seq } from './der.js';
import { type DistinguishedName, encodeDistinguishedName } from './distinguished-name.js';
import { signStructure } from './sign-certificate.js';
import type { Signer } from './signer.js';

/**
 * A DER PKCS#10 request for the signer's own key, signed by it (the device signs through the two-party protocol;
 * tests with a software key). No attributes: the CA takes identity data from the account, not from the request.
 */
export async function createCertificationRequest(input: {
  subject: DistinguishedName;
  signer: Signer;
}): Promise<Uint8Array<ArrayBuffer>> {
  const info = seq(
    int(0),
    encodeDistinguishedName(input.subject),
    input.signer.publicKey,
    explicit(0, new Uint8Array()),
  );
  return signStructure(info, input.signer);
}
