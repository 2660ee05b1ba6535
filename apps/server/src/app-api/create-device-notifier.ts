import type { DeviceNotifier, SessionWaiter } from '@tessera/core';

/** The waiter key a device's pending-transactions long poll waits on. */
export function deviceWakeKey(deviceId: string): string {
  return `device:${deviceId}`;
}

/**
 * Notifies devices through the session waiter: a device's pending-transactions long poll (`GET
 * /app/v1/transactions?waitMs=`) answers at once. The app's push notifications hang off the same call.
 */
export function createDeviceNotifier(waiter: SessionWaiter): DeviceNotifier {
  return {
    notifyDevices(deviceIds) {
      for (const id of deviceIds) waiter.notify(deviceWakeKey(id));
    },
  };
}
