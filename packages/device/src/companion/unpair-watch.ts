import { deleteChannel } from './await-pairing.js';
import type { WatchCompanionState } from './companion-channel-state.js';
import { type WatchOptions, watchLink } from './watch-options.js';

/**
 * Unpairs the watch from its phone: the relay forgets the channel for both (the phone learns it on its next
 * poll). Afterwards the caller deletes the watch state. A channel already gone is not an error.
 */
export async function unpairWatch(watch: WatchCompanionState, options: WatchOptions = {}): Promise<void> {
  await deleteChannel(watchLink(watch.baseUrl, options), { pairingId: watch.channelId, token: watch.token });
}
