import { recordDeviceNonce } from '@tessera/core';
import { DEVICE_REQUEST_HEADERS, verifyDeviceRequest } from '@tessera/protocol/node';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { AppApiDeps } from './app-api-deps.js';

/** How far a device's clock may be from the server's. */
export const DEVICE_CLOCK_SKEW_MS = 60_000;

/** How many registered devices' keys one server keeps at hand (the oldest read is dropped first). */
const KNOWN_DEVICE_KEYS = 10_000;

/**
 * Registered request-signing keys, per device store, as read from it. A device's key is fixed when it registers
 * and devices are never re-registered or removed, so a key read once stays right: most requests then make one
 * round trip (the nonce) instead of two.
 */
const knownDeviceKeys = new WeakMap<AppApiDeps['devices'], Map<string, JsonWebKey>>();

async function registeredKeyOf(
  devices: AppApiDeps['devices'],
  deviceId: string,
): Promise<JsonWebKey | undefined> {
  let known = knownDeviceKeys.get(devices);
  if (known === undefined) {
    known = new Map();
    knownDeviceKeys.set(devices, known);
  }
  const cached = known.get(deviceId);
  if (cached !== undefined) return cached;
  const key = (await devices.get(deviceId))?.publicKeyJwk;
  if (key !== undefined) {
    if (known.size >= KNOWN_DEVICE_KEYS) known.delete(known.keys().next().value as string);
    known.set(deviceId, key);
  }
  return key;
}

/** The exact bytes of a request body, kept by the app API's JSON parser for signature checks. */
export function rawBodyOf(request: FastifyRequest): Uint8Array {
  return (request as FastifyRequest & { rawBody?: Buffer }).rawBody ?? new Uint8Array();
}

/**
 * Authenticates an app API request (docs/protocol.md, "Device request authentication"): the device's
 * registered key, or at enrolment `enrolmentKeyJwk` (the key being registered), must have signed the method,
 * path and query, timestamp, nonce and body; the timestamp must be fresh and the nonce unused. Returns the
 * device id. Any failure is a 401 problem.
 */
export async function authenticateDevice(
  deps: Pick<AppApiDeps, 'devices' | 'clock'>,
  request: FastifyRequest,
  enrolmentKeyJwk?: JsonWebKey,
): Promise<string> {
  const deviceId = request.headers[DEVICE_REQUEST_HEADERS.deviceId];
  if (typeof deviceId !== 'string' || deviceId === '') {
    throw new HttpError(
      401,
      'MALFORMED_DEVICE_REQUEST',
      `The "${DEVICE_REQUEST_HEADERS.deviceId}" header is missing.`,
    );
  }
  const key = (await registeredKeyOf(deps.devices, deviceId)) ?? enrolmentKeyJwk;
  if (key === undefined) throw new HttpError(401, 'DEVICE_NOT_FOUND', 'The device is not registered.');
  await verifyDeviceRequest({
    headers: request.headers,
    method: request.method,
    pathAndQuery: request.url,
    body: rawBodyOf(request),
    devicePublicKeyJwk: key,
    now: deps.clock.now(),
    maxSkewMs: DEVICE_CLOCK_SKEW_MS,
    isNonceFresh: (nonce) => recordDeviceNonce(deps, { deviceId, nonce, maxSkewMs: DEVICE_CLOCK_SKEW_MS }),
  });
  return deviceId;
}
