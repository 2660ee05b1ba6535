import { createPublicKey, verify } from 'node:crypto';
import { SIGNATURE_ALGORITHMS, type Signer } from '@tessera/pki';
import { CaError } from './ca-error.js';

/**
 * Signs a fixed message and verifies the result with the signer's public key: catches a key reference that
 * points at the wrong key, or a token that signs with another mechanism than announced.
 */
export async function selfTestSigner(signer: Signer, label: string): Promise<void> {
  const message = new TextEncoder().encode(`Tessera CA key self-test: ${label}`);
  const signature = await signer.sign(message);
  const key = createPublicKey({ key: Buffer.from(signer.publicKey), format: 'der', type: 'spki' });
  const hash = SIGNATURE_ALGORITHMS[signer.algorithm].hash.replace('-', '').toLowerCase();
  if (!verify(hash, message, { key, dsaEncoding: 'der' }, signature)) {
    throw new CaError('KEY_SELF_TEST_FAILED', `The key "${label}" did not produce a valid signature.`);
  }
}
