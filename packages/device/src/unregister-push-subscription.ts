import { APP_API_ENDPOINTS } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** Tells the server to stop sending Web Push to this device (its subscription is forgotten; none is fine too). */
export async function unregisterPushSubscription(context: DeviceContext): Promise<void> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.unregisterPushSubscription;
  await sendAppRequest(context, data, { method, path });
}
