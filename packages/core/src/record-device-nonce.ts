import { CoreError } from './core-error.js';
import type { Clock, DeviceStore } from './ports.js';

/** What replay protection needs from the world. */
export interface RecordDeviceNonceDeps {
  readonly devices: DeviceStore;
  readonly clock: Clock;
}

/** The nonce and the skew the request's timestamp was checked against. */
export interface RecordDeviceNonceInput {
  readonly deviceId: string;
  readonly nonce: string;
  /** The `maxSkewMs` given to `verifyDeviceRequest`. */
  readonly maxSkewMs: number;
}

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Replay protection of the app API (`isNonceFresh` of `verifyDeviceRequest`): records the nonce of a request
 * whose signature verified and answers whether the device had not used it before. A request is fresh only
 * within `maxSkewMs` of its signed timestamp, so a replay can arrive at most 2·`maxSkewMs` after the original:
 * nonces are kept that long and then forgotten. Throws CoreError('INVALID_ARGUMENT') for a malformed nonce.
 */
export async function recordDeviceNonce(
  deps: RecordDeviceNonceDeps,
  input: RecordDeviceNonceInput,
): Promise<boolean> {
  if (typeof input.nonce !== 'string' || !NONCE.test(input.nonce)) {
    throw new CoreError('INVALID_ARGUMENT', 'A request nonce is 16 to 64 base64url characters.');
  }
  if (!Number.isSafeInteger(input.maxSkewMs) || input.maxSkewMs <= 0) {
    throw new CoreError('INVALID_ARGUMENT', 'The maximum skew must be a positive number of milliseconds.');
  }
  const now = deps.clock.now();
  return deps.devices.recordNonce(input.deviceId, input.nonce, now, now - 2 * input.maxSkewMs);
}
