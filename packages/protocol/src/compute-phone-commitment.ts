import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64url, encodeLengthPrefixed } from '@tessera/crypto';
import { encodeBase64Url } from './base64.js';

/**
 * The phone's commitment in a watch pairing:
 * `BASE64URL(SHA-256(encodeLengthPrefixed(["tessera-companion-commitment/v1", phonePublicKey, phoneNonce])))`
 * over the raw public key and the nonce (both given base64url). Built here only, for the phone, the watch and
 * the server alike.
 */
export function computePhoneCommitment(phonePublicKey: string, phoneNonce: string): string {
  return encodeBase64Url(
    sha256(
      encodeLengthPrefixed([
        'tessera-companion-commitment/v1',
        decodeBase64url(phonePublicKey),
        decodeBase64url(phoneNonce),
      ]),
    ),
  );
}
