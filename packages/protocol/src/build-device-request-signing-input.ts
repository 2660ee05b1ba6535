import { encodeLengthPrefixed } from '@tessera/crypto';
import { DEVICE_REQUEST_SIGNING_VERSION } from './device-request-headers.js';
import { ProtocolError } from './protocol-error.js';

/** The fields a device signs for one app API request. */
export interface DeviceRequestSigningFields {
  /** Upper-case HTTP method (`GET`, `POST`, `DELETE`). */
  method: string;
  /** The request target as sent: path plus query, e.g. `/app/v1/transactions?x=1`. */
  pathAndQuery: string;
  /** Milliseconds since the Unix epoch, decimal, no sign or leading zeros. */
  timestamp: string;
  /** The request nonce, base64url. */
  nonce: string;
  /** SHA-256 of the exact body bytes (of the empty string when there is no body). */
  bodySha256: Uint8Array;
  deviceId: string;
}

const METHOD = /^[A-Z]{1,16}$/;
const TIMESTAMP = /^(0|[1-9][0-9]{0,15})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The one canonical byte string a device signs for an app API request: the version label then method,
 * path and query, timestamp, nonce, body SHA-256 and device id, each as a 4-byte big-endian length then
 * its bytes (UTF-8 for text). Length prefixes make the encoding injective, so no field can bleed into
 * another. Throws `INVALID_ARGUMENT` when a field breaks its format.
 */
export function buildDeviceRequestSigningInput(fields: DeviceRequestSigningFields): Uint8Array {
  const { method, pathAndQuery, timestamp, nonce, bodySha256, deviceId } = fields;
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The method must be an upper-case HTTP method.');
  }
  if (typeof pathAndQuery !== 'string' || !pathAndQuery.startsWith('/')) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The path must start with "/".');
  }
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The timestamp must be decimal milliseconds.');
  }
  if (typeof nonce !== 'string' || !BASE64URL.test(nonce)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The nonce must be base64url.');
  }
  if (!(bodySha256 instanceof Uint8Array) || bodySha256.length !== 32) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The body hash must be 32 bytes.');
  }
  if (typeof deviceId !== 'string' || deviceId === '') {
    throw new ProtocolError('INVALID_ARGUMENT', 'The device id must be a non-empty string.');
  }
  return encodeLengthPrefixed([
    DEVICE_REQUEST_SIGNING_VERSION,
    method,
    pathAndQuery,
    timestamp,
    nonce,
    bodySha256,
    deviceId,
  ]);
}
