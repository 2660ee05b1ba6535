/**
 * Software CA keys for quick starts: PKCS#8 PEM files (mode 0600) in a directory of the data dir. Unsafe for
 * production (config refuses it there); announced at start-up.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, sign } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SIGNATURE_ALGORITHMS, type Signer } from '@tessera/pki';
import { CaError } from './ca-error.js';
import { type KeyAlgorithm, type KeyBackend, type KeyRef, signatureAlgorithmOf } from './key-backend.js';
import { selfTestSigner } from './self-test-signer.js';

const generate = promisify(generateKeyPair);

function signerOf(privateKey: KeyObject, algorithm: Signer['algorithm']): Signer {
  const hash = SIGNATURE_ALGORITHMS[algorithm].hash.replace('-', '').toLowerCase();
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  return {
    algorithm,
    publicKey,
    sign: async (data) => new Uint8Array(sign(hash, data, { key: privateKey, dsaEncoding: 'der' })),
  };
}

function fileOf(dir: string, label: string): string {
  return join(dir, `${label.replace(/[^A-Za-z0-9._-]/g, '_')}.key.pem`);
}

/** A software key backend keeping its keys under `dir`. */
export async function openSoftwareKeyBackend(dir: string): Promise<KeyBackend> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    kind: 'software',
    description: `software keys in ${dir}`,
    async generateKeyPair(label: string, algorithm: KeyAlgorithm) {
      const { privateKey } =
        algorithm === 'EC_P384'
          ? await generate('ec', { namedCurve: 'P-384' })
          : await generate('rsa', { modulusLength: Number(algorithm.slice(4)), publicExponent: 65537 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      await writeFile(fileOf(dir, label), pem, { mode: 0o600, flag: 'wx' });
      return {
        ref: { backend: 'software', label },
        signer: signerOf(privateKey, signatureAlgorithmOf(algorithm)),
      };
    },
    async openSigner(ref: KeyRef) {
      if (ref.backend !== 'software') {
        throw new CaError(
          'KEY_BACKEND_MISMATCH',
          `The key "${ref.label}" lives in a PKCS#11 token, not in software.`,
        );
      }
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey(await readFile(fileOf(dir, ref.label), 'utf8'));
      } catch (cause) {
        throw new CaError(
          'HSM_KEY_NOT_FOUND',
          `The software key "${ref.label}" cannot be read from ${dir}.`,
          { cause },
        );
      }
      const signer = signerOf(
        privateKey,
        privateKey.asymmetricKeyType === 'ec' ? 'ECDSA_SHA384' : 'RSA_PKCS1_SHA256',
      );
      await selfTestSigner(signer, ref.label);
      return signer;
    },
    close: async () => undefined,
  };
}
