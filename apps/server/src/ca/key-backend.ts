/** Where CA keys are generated and used: a PKCS#11 token, or software keys for quick starts. */
import type { Signer } from '@tessera/pki';

/** The key types of the hierarchy: EC P-384 for the CAs, RSA for the OCSP responders. */
export type KeyAlgorithm = 'EC_P384' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096';

/** How a stored hierarchy finds its keys again. */
export type KeyRef =
  | { readonly backend: 'pkcs11'; readonly label: string; readonly id: string }
  | { readonly backend: 'software'; readonly label: string };

/** A place that generates non-exportable keys and signs with them. */
export interface KeyBackend {
  readonly kind: 'pkcs11' | 'software';
  /** A human description for progress output ("PKCS#11 token 'tessera-ca'"). */
  readonly description: string;
  /** Generates a key pair; `label` names it for operators. */
  generateKeyPair(label: string, algorithm: KeyAlgorithm): Promise<{ ref: KeyRef; signer: Signer }>;
  /** A signer for a key generated earlier; checks it signs correctly before returning it. */
  openSigner(ref: KeyRef): Promise<Signer>;
  close(): Promise<void>;
}

/** The signature algorithm each key type signs with: ECDSA-SHA384, and SHA-256 RSA (OCSP clients need it). */
export function signatureAlgorithmOf(algorithm: KeyAlgorithm): Signer['algorithm'] {
  return algorithm === 'EC_P384' ? 'ECDSA_SHA384' : 'RSA_PKCS1_SHA256';
}
