import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64, encodeBase64Url } from './base64.js';
import { ProtocolError } from './protocol-error.js';
import { RP_API_LIMITS } from './wire-values.js';

/**
 * `authCode = BASE64URL_NOPAD(HMAC-SHA256(BASE64_DECODE(sessionSecret), payload))` (spec §4.3), for a
 * payload from `buildAuthCodePayload`.
 */
export function computeAuthCode(sessionSecret: string, payload: Uint8Array): string {
  return encodeBase64Url(hmac(sha256, decodeSessionSecret(sessionSecret), payload));
}

/** The key bytes of a `sessionSecret`; throws without echoing the secret. Internal. */
export function decodeSessionSecret(sessionSecret: string): Uint8Array {
  const key = decodeBase64(sessionSecret);
  if (key === undefined || key.length < RP_API_LIMITS.sessionSecretMinBytes) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      `The session secret must be standard Base64 of at least ${RP_API_LIMITS.sessionSecretMinBytes} bytes.`,
    );
  }
  return key;
}
