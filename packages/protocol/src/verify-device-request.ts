import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { decodeBase64url } from '@tessera/crypto';
import { buildDeviceRequestSigningInput } from './build-device-request-signing-input.js';
import { DEVICE_REQUEST_HEADERS } from './device-request-headers.js';
import { ProtocolError } from './protocol-error.js';

/** One received app API request and what the server expects of it. */
export interface VerifyDeviceRequestInput {
  /** The request headers, names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  method: string;
  pathAndQuery: string;
  /** The exact body bytes received. */
  body: Uint8Array;
  /** The device's registered public key (JWK, EC P-256). */
  devicePublicKeyJwk: JsonWebKey;
  /** Current time, milliseconds since the epoch. */
  now: number;
  /** The largest accepted difference between `now` and the request timestamp. */
  maxSkewMs: number;
  /** Records the nonce and answers whether it was unseen; called only after the signature verified. */
  isNonceFresh: (nonce: string) => boolean | Promise<boolean>;
}

/** Device public keys imported lately (public data), by curve and coordinates: the import costs more than a verify. */
const importedKeys = new Map<string, KeyObject>();
const IMPORTED_KEYS_KEPT = 1024;

function importDeviceKey(jwk: JsonWebKey): KeyObject {
  const id = `${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.y}`;
  const kept = importedKeys.get(id);
  if (kept !== undefined) return kept;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('not an EC P-256 key');
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
  importedKeys.set(id, key);
  if (importedKeys.size > IMPORTED_KEYS_KEPT) importedKeys.delete(importedKeys.keys().next().value!);
  return key;
}

function header(headers: VerifyDeviceRequestInput['headers'], name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value === '') {
    throw new ProtocolError('MALFORMED_DEVICE_REQUEST', `The "${name}" header is missing.`);
  }
  return value;
}

/**
 * Verifies an app API request (Node only: OpenSSL verifies synchronously, in under half what a WebCrypto verify
 * costs): headers present and well formed, timestamp within `maxSkewMs` of `now`,
 * ECDSA signature valid under `devicePublicKeyJwk`, nonce fresh. Returns the device id. Throws
 * `MALFORMED_DEVICE_REQUEST`, `DEVICE_REQUEST_NOT_FRESH`, `DEVICE_REQUEST_SIGNATURE_INVALID` or
 * `DEVICE_REQUEST_REPLAYED`. The caller looks up the key by the `tessera-device-id` header first.
 */
export async function verifyDeviceRequest(input: VerifyDeviceRequestInput): Promise<{ deviceId: string }> {
  const deviceId = header(input.headers, DEVICE_REQUEST_HEADERS.deviceId);
  const timestamp = header(input.headers, DEVICE_REQUEST_HEADERS.timestamp);
  const nonce = header(input.headers, DEVICE_REQUEST_HEADERS.nonce);
  const signatureText = header(input.headers, DEVICE_REQUEST_HEADERS.signature);
  let signingInput: Uint8Array;
  let signature: Uint8Array;
  try {
    signingInput = buildDeviceRequestSigningInput({
      method: input.method,
      pathAndQuery: input.pathAndQuery,
      timestamp,
      nonce,
      bodySha256: createHash('sha256').update(input.body).digest(),
      deviceId,
    });
    signature = decodeBase64url(signatureText);
  } catch (cause) {
    throw new ProtocolError('MALFORMED_DEVICE_REQUEST', 'The device request headers are malformed.', {
      cause,
    });
  }
  if (signature.length !== 64) {
    throw new ProtocolError('MALFORMED_DEVICE_REQUEST', 'The device request signature is not 64 bytes.');
  }
  if (Math.abs(input.now - Number(timestamp)) > input.maxSkewMs) {
    throw new ProtocolError('DEVICE_REQUEST_NOT_FRESH', 'The device request timestamp is out of range.');
  }
  let key: KeyObject;
  try {
    key = importDeviceKey(input.devicePublicKeyJwk);
  } catch (cause) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The device public key is not an EC P-256 JWK.', { cause });
  }
  // ECDSA P-256 with SHA-256, the signature raw r ‖ s (what WebCrypto's sign gives the device).
  let ok: boolean;
  try {
    ok = verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new ProtocolError('DEVICE_REQUEST_SIGNATURE_INVALID', 'The device request signature is invalid.');
  }
  if (!(await input.isNonceFresh(nonce))) {
    throw new ProtocolError('DEVICE_REQUEST_REPLAYED', 'The device request nonce was used before.');
  }
  return { deviceId };
}
