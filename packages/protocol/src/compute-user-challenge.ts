import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url } from './base64.js';
import { ProtocolError } from './protocol-error.js';

const VERIFIER = /^[A-Za-z0-9_-]{43}$/;

/**
 * `userChallenge = BASE64URL_NOPAD(SHA-256(ASCII(userChallengeVerifier)))` (spec §4.4): the verifier is hashed
 * as text, without decoding. The verifier is 43 Base64URL characters.
 */
export function computeUserChallenge(userChallengeVerifier: string): string {
  if (!VERIFIER.test(userChallengeVerifier)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'A userChallengeVerifier is 43 Base64URL characters.');
  }
  return encodeBase64Url(sha256(new TextEncoder().encode(userChallengeVerifier)));
}
