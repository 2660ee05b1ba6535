import { constants, publicDecrypt, type X509Certificate } from 'node:crypto';
import { verifyEncodedMessage } from '@tessera/crypto';
import type { SignatureScheme } from '@tessera/protocol';

/**
 * Whether `signature` is the certificate key's RSA signature of the precomputed `digest` under `scheme` (EMSA-PSS
 * with salt = hash length, or PKCS#1 v1.5 DigestInfo): the public operation by node:crypto, the encoding checked
 * by the same verifier the server uses.
 */
export function verifyDigestSignature(
  certificate: X509Certificate,
  scheme: SignatureScheme,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const modulusBits = certificate.publicKey.asymmetricKeyDetails?.modulusLength;
  if (certificate.publicKey.asymmetricKeyType !== 'rsa' || modulusBits === undefined) return false;
  if (signature.length !== Math.ceil(modulusBits / 8)) return false;
  let encodedMessage: Uint8Array;
  try {
    encodedMessage = publicDecrypt(
      { key: certificate.publicKey, padding: constants.RSA_NO_PADDING },
      signature,
    );
  } catch {
    return false;
  }
  try {
    verifyEncodedMessage({
      encodedMessage,
      modulusBits,
      expected: { encoding: scheme.encoding, algorithm: scheme.hashAlgorithm, digest },
    });
    return true;
  } catch {
    return false;
  }
}
