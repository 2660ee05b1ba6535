import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url, type RandomSource } from '@tessera/crypto';
import { buildDeviceRequestSigningInput } from './build-device-request-signing-input.js';
import { DEVICE_REQUEST_HEADERS, type DeviceRequestHeaders } from './device-request-headers.js';

/** What a device needs to sign one app API request. */
export interface SignDeviceRequestInput {
  /** The device's ECDSA P-256 private key (may be non-extractable). */
  privateKey: CryptoKey;
  deviceId: string;
  method: string;
  pathAndQuery: string;
  /** The exact body bytes sent (empty for none). */
  body: Uint8Array;
  /** Current time, milliseconds since the epoch. */
  now: number;
  random: RandomSource;
}

/**
 * Signs an app API request with the device key and returns the four authentication headers, keyed by
 * their HTTP names (`tessera-device-id`, `tessera-timestamp`, `tessera-nonce`, `tessera-signature`).
 */
export async function signDeviceRequest(input: SignDeviceRequestInput): Promise<Record<string, string>> {
  const values: Omit<DeviceRequestHeaders, 'signature'> = {
    deviceId: input.deviceId,
    timestamp: String(Math.floor(input.now)),
    nonce: encodeBase64url(input.random(16)),
  };
  const signingInput = buildDeviceRequestSigningInput({
    method: input.method,
    pathAndQuery: input.pathAndQuery,
    bodySha256: sha256(input.body),
    ...values,
  });
  const signature = new Uint8Array(
    await globalThis.crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      input.privateKey,
      signingInput as Uint8Array<ArrayBuffer>,
    ),
  );
  return {
    [DEVICE_REQUEST_HEADERS.deviceId]: values.deviceId,
    [DEVICE_REQUEST_HEADERS.timestamp]: values.timestamp,
    [DEVICE_REQUEST_HEADERS.nonce]: values.nonce,
    [DEVICE_REQUEST_HEADERS.signature]: encodeBase64url(signature),
  };
}
