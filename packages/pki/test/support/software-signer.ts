/** Test-only signers over node:crypto keys from the fixture file (packages/pki/vectors/test-keys.json). */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { SignatureAlgorithm, Signer } from '../../src/index.js';
import { SIGNATURE_ALGORITHMS } from '../../src/index.js';
import fixture from '../../vectors/test-keys.json' with { type: 'json' };

/** The names of the fixture keys. */
export type TestKeyName = keyof typeof fixture.keys;

/** The PEM of a fixture private key. */
export function testKeyPem(name: TestKeyName): string {
  return fixture.keys[name];
}

/** The SubjectPublicKeyInfo DER of a fixture key. */
export function testPublicKey(name: TestKeyName): Uint8Array {
  return new Uint8Array(
    createPublicKey(createPrivateKey(fixture.keys[name])).export({ type: 'spki', format: 'der' }),
  );
}

/** A Signer over a fixture key (ECDSA SHA-384 for EC keys, PKCS#1 v1.5 SHA-256 for RSA keys unless told). */
export function testSigner(name: TestKeyName, algorithm?: SignatureAlgorithm): Signer {
  const key = createPrivateKey(fixture.keys[name]);
  const alg = algorithm ?? (key.asymmetricKeyType === 'ec' ? 'ECDSA_SHA384' : 'RSA_PKCS1_SHA256');
  const hash = SIGNATURE_ALGORITHMS[alg].hash.replace('-', '').toLowerCase();
  return {
    algorithm: alg,
    publicKey: testPublicKey(name),
    sign: async (data) => new Uint8Array(sign(hash, data, { key, dsaEncoding: 'der' })),
  };
}
