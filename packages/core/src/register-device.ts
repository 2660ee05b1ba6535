import { CoreError } from './core-error.js';
import type { Device, DevicePublicKeyJwk } from './device.js';
import type { DeviceStore } from './ports.js';
import { type RecordAuditEventDeps, recordAuditEvent } from './record-audit-event.js';

/** What registering a device needs from the world. */
export interface RegisterDeviceDeps extends RecordAuditEventDeps {
  readonly devices: DeviceStore;
}

/** The device as its enrolment request presents it (the request is signed with this key). */
export interface RegisterDeviceInput {
  readonly deviceId: string;
  readonly publicKeyJwk: JsonWebKey;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** The key reduced to the members that define it; refuses anything but a public EC P-256 point on the curve. */
async function toDevicePublicKey(jwk: JsonWebKey): Promise<DevicePublicKeyJwk> {
  if (
    jwk === null ||
    typeof jwk !== 'object' ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string' ||
    !COORDINATE.test(jwk.x) ||
    !COORDINATE.test(jwk.y)
  ) {
    throw new CoreError('INVALID_DEVICE_KEY', 'The device key is not an EC P-256 public JWK.');
  }
  if ('d' in jwk) {
    throw new CoreError(
      'INVALID_DEVICE_KEY',
      'The device key carries a private part; send only the public key.',
    );
  }
  const key: DevicePublicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  try {
    // Import checks that the point lies on the curve.
    await globalThis.crypto.subtle.importKey('jwk', key, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
  } catch (cause) {
    throw new CoreError('INVALID_DEVICE_KEY', 'The device key is not a point on P-256.', { cause });
  }
  return key;
}

const sameKey = (a: DevicePublicKeyJwk, b: DevicePublicKeyJwk) => a.x === b.x && a.y === b.y;

/**
 * Registers a device at its first enrolment, with the key that signs its app API requests. A later
 * enrolment from the same device presents the same key and gets the registered device back; another key
 * under a registered id is CoreError('DEVICE_EXISTS') (a device cannot be taken over by re-enrolling).
 * Throws CoreError('INVALID_ARGUMENT') for a malformed id and CoreError('INVALID_DEVICE_KEY') for a key that
 * is not a public P-256 point.
 */
export async function registerDevice(deps: RegisterDeviceDeps, input: RegisterDeviceInput): Promise<Device> {
  if (typeof input.deviceId !== 'string' || !DEVICE_ID.test(input.deviceId)) {
    throw new CoreError('INVALID_ARGUMENT', 'A device id is 16 to 64 base64url characters.');
  }
  const publicKeyJwk = await toDevicePublicKey(input.publicKeyJwk);
  const existing = async () => {
    const device = await deps.devices.get(input.deviceId);
    if (device === undefined) return undefined;
    if (!sameKey(device.publicKeyJwk, publicKeyJwk)) {
      throw new CoreError('DEVICE_EXISTS', 'Another key is registered under this device id.');
    }
    return device;
  };
  const found = await existing();
  if (found !== undefined) return found;
  const device: Device = {
    id: input.deviceId,
    publicKeyJwk,
    awaitingLinkedSignature: null,
    createdAt: deps.clock.now(),
  };
  try {
    await deps.devices.insert(device);
  } catch (error) {
    // Two first enrolments of one device at once: the one that lost the insert reads the winner's.
    if (error instanceof CoreError && error.code === 'DEVICE_EXISTS') {
      const winner = await existing();
      if (winner !== undefined) return winner;
    }
    throw error;
  }
  await recordAuditEvent(deps, { kind: 'DEVICE_REGISTERED', deviceId: device.id });
  return device;
}
