/** End-entity keys and CSRs for server tests (the device's part, done here with node:crypto keys). */
import { createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createCertificationRequest, type Signer, type SubjectIdentity } from '@tessera/pki';

/** A node:crypto RSA key as a pki Signer (PKCS#1 v1.5, SHA-256). */
export function rsaSigner(privateKey: KeyObject): Signer {
  return {
    algorithm: 'RSA_PKCS1_SHA256',
    publicKey: new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })),
    sign: async (data) => new Uint8Array(sign('sha256', data, privateKey)),
  };
}

/** A fresh RSA key of `bits` and a CSR signed with it. */
export async function csrWithNewKey(bits = 2048): Promise<{ csr: Uint8Array; signer: Signer }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const signer = rsaSigner(privateKey);
  return {
    csr: await createCertificationRequest({ subject: [{ type: 'CN', value: 'device' }], signer }),
    signer,
  };
}

/** The identity of the demo account PNOEE-40504040001 (RP API digest §6.5, §7). */
export const demoIdentity: SubjectIdentity = {
  country: 'EE',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  semanticsIdentifier: 'PNOEE-40504040001',
  documentNumber: 'PNOEE-40504040001-MOCK-Q',
  dateOfBirth: '1905-04-04',
};
