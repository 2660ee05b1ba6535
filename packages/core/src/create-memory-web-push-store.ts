import { CoreError } from './core-error.js';
import type { DeviceStore, WebPushStore } from './ports.js';
import type { DevicePushSubscription, VapidKeyPair } from './push-subscription.js';

/**
 * The VAPID key pair and push subscriptions in process memory (tests, single-process tools). `devices` is asked
 * whether a device exists, as the SQL store's foreign key does.
 */
export function createMemoryWebPushStore(devices: Pick<DeviceStore, 'get'>): WebPushStore {
  let vapid: Promise<VapidKeyPair> | undefined;
  const subscriptions = new Map<string, DevicePushSubscription>();
  return {
    ensureVapidKeys(generate) {
      // Kept as a promise at once, so concurrent callers share the first pair.
      vapid ??= Promise.resolve(generate()).catch((error: unknown) => {
        vapid = undefined;
        throw error;
      });
      return vapid;
    },
    async putSubscription(subscription) {
      if ((await devices.get(subscription.deviceId)) === undefined) {
        throw new CoreError('DEVICE_NOT_FOUND', 'There is no such device.');
      }
      subscriptions.set(subscription.deviceId, subscription);
    },
    async getSubscription(deviceId) {
      return subscriptions.get(deviceId);
    },
    async deleteSubscription(deviceId, endpoint) {
      const found = subscriptions.get(deviceId);
      if (found === undefined || (endpoint !== undefined && found.endpoint !== endpoint)) return false;
      subscriptions.delete(deviceId);
      return true;
    },
  };
}
