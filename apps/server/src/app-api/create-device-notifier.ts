import type { DeviceNotifier, SessionWaiter } from '@tessera/core';
import type { WebPushSender } from '../web-push/open-web-push-sender.js';

/** The waiter key a device's pending-transactions long poll waits on. */
export function deviceWakeKey(deviceId: string): string {
  return `device:${deviceId}`;
}

/**
 * Notifies devices through the session waiter: a device's pending-transactions long poll (`GET
 * /app/v1/transactions?waitMs=`) answers at once. With `push`, each device with a Web Push subscription is also
 * sent a "transactions pending" message, in the background: a push service never delays or fails the session.
 */
export function createDeviceNotifier(
  waiter: SessionWaiter,
  push?: Pick<WebPushSender, 'notify'>,
): DeviceNotifier {
  return {
    notifyDevices(deviceIds) {
      for (const id of deviceIds) waiter.notify(deviceWakeKey(id));
      push?.notify(deviceIds);
    },
  };
}
