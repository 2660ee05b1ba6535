import { CoreError } from './core-error.js';
import type { Device } from './device.js';
import type { DeviceStore } from './ports.js';

/** Devices and their recent nonces in process memory (tests, single-process tools); every call is atomic. */
export function createMemoryDeviceStore(): DeviceStore {
  const devices = new Map<string, Device>();
  /** Per device: nonce → when it was seen. */
  const nonces = new Map<string, Map<string, number>>();
  return {
    async insert(device) {
      if (devices.has(device.id)) throw new CoreError('DEVICE_EXISTS', 'A device with this id exists.');
      devices.set(device.id, device);
    },
    async get(id) {
      return devices.get(id);
    },
    async update(id, change) {
      const device = devices.get(id);
      if (device === undefined) throw new CoreError('DEVICE_NOT_FOUND', 'There is no such device.');
      const saved = change(device);
      if (saved.id !== id) throw new CoreError('INVALID_ARGUMENT', 'An update cannot change the device id.');
      devices.set(id, saved);
      return saved;
    },
    async recordNonce(deviceId, nonce, seenAt, forgetBefore) {
      const seen = nonces.get(deviceId) ?? new Map<string, number>();
      nonces.set(deviceId, seen);
      for (const [n, at] of seen) if (at < forgetBefore) seen.delete(n);
      if (seen.has(nonce)) return false;
      seen.set(nonce, seenAt);
      return true;
    },
  };
}
