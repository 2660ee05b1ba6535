/**
 * The HTTP headers that authenticate an app API request (device ↔ identity server). Lower case, as Node
 * and fetch report them.
 */
export const DEVICE_REQUEST_HEADERS = {
  deviceId: 'tessera-device-id',
  timestamp: 'tessera-timestamp',
  nonce: 'tessera-nonce',
  signature: 'tessera-signature',
} as const;

/** The version label that starts every device request signing input; a new layout gets a new label. */
export const DEVICE_REQUEST_SIGNING_VERSION = 'tessera-device-request/v1';

/** The ECDSA parameters of a device key: P-256, SHA-256, signature as raw `r‖s` (64 bytes), base64url. */
export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The values of the four authentication headers of one request. */
export interface DeviceRequestHeaders {
  deviceId: string;
  /** Milliseconds since the Unix epoch, decimal. */
  timestamp: string;
  /** 16 random bytes, base64url. */
  nonce: string;
  /** ECDSA P-256/SHA-256 `r‖s`, base64url. */
  signature: string;
}
