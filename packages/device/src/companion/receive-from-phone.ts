import type { WatchCompanionState } from './companion-channel-state.js';
import { type PhoneToWatchMessage, readPhoneToWatchMessage } from './companion-messages.js';
import { receiveCompanionMessages } from './receive-companion-messages.js';
import { type WatchOptions, watchLink } from './watch-options.js';

/**
 * The watch waits for what the phone sent (a long poll of up to `waitMs`, 25 s by default) and returns the
 * messages, opened and checked, oldest first (empty when the wait ended without any). Messages that fail
 * authentication or replay checks are dropped. Updates `watch` (persist it afterwards). Throws `SERVER_ERROR`
 * with `problemCode` `UNPAIRED` (410) once either side unpaired.
 */
export async function receiveFromPhone(
  watch: WatchCompanionState,
  options: WatchOptions & { waitMs?: number } = {},
): Promise<PhoneToWatchMessage[]> {
  const { messages } = await receiveCompanionMessages(
    watchLink(watch.baseUrl, options),
    watch,
    'phone-to-watch',
    readPhoneToWatchMessage,
    {
      ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  );
  return messages;
}
