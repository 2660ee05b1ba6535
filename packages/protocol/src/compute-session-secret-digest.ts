import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url } from './base64.js';
import { decodeSessionSecret } from './compute-auth-code.js';

/** `sessionSecretDigest = BASE64URL_NOPAD(SHA-256(BASE64_DECODE(sessionSecret)))` (spec §4.4): the decoded bytes are hashed. */
export function computeSessionSecretDigest(sessionSecret: string): string {
  return encodeBase64Url(sha256(decodeSessionSecret(sessionSecret)));
}
