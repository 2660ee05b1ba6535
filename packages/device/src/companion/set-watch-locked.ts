import { RELAY_API_ENDPOINTS } from '@tessera/protocol';
import type { WatchCompanionState } from './companion-channel-state.js';
import { relayPath, relayRequest } from './relay-request.js';
import { type WatchOptions, watchLink } from './watch-options.js';

/**
 * Locks or unlocks the watch at the relay (call it when the watch comes off the wrist or is unlocked). While
 * locked the relay refuses the phone's messages to the watch and queues none: a locked watch receives nothing.
 * Locking also drops what was waiting. Updates `watch.locked` (persist it afterwards).
 */
export async function setWatchLocked(
  watch: WatchCompanionState,
  locked: boolean,
  options: WatchOptions = {},
): Promise<void> {
  const link = watchLink(watch.baseUrl, options);
  await relayRequest(link.fetch, watch.baseUrl, {
    method: RELAY_API_ENDPOINTS.putWatchState.method,
    path: relayPath(RELAY_API_ENDPOINTS.putWatchState.path, { channelId: watch.channelId }),
    token: watch.token,
    body: { locked },
  });
  watch.locked = locked;
}
