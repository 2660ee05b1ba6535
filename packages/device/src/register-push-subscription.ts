import { APP_API_ENDPOINTS, type PushSubscriptionRequest } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/**
 * Registers the app's Web Push subscription with the server (replacing any earlier one of this device), so it
 * hears of notification transactions while closed. Pass `PushSubscription.toJSON()` of a subscription made with
 * the server's `webPushPublicKey`; only `endpoint` and `keys` are sent. Throws `SERVER_ERROR` (400 for a
 * subscription the server refuses, 404 when it sends no Web Push), `TRANSPORT_FAILURE`.
 */
export async function registerPushSubscription(
  context: DeviceContext,
  subscription: PushSubscriptionRequest,
): Promise<void> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.registerPushSubscription;
  const body: PushSubscriptionRequest = {
    endpoint: subscription.endpoint,
    keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
  };
  await sendAppRequest(context, data, { method, path, body: JSON.stringify(body) });
}
