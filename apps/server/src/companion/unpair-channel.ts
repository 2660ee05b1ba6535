import type { CompanionDeps } from './companion-deps.js';
import { companionWakeKey } from './companion-wake-key.js';

/**
 * Unpairs a channel: a tombstone (both credentials then answer 410 `UNPAIRED`), its mailboxes emptied, and both
 * sides' long polls woken. Also used when the phone's device loses its last account.
 */
export async function unpairChannel(
  deps: Pick<CompanionDeps, 'companions' | 'clock' | 'waiter'>,
  channelId: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.companions.update(channelId, (c) =>
    c.unpairedAt !== null
      ? undefined
      : {
          ...c,
          unpairedAt: now,
          pairingCode: null,
          watchPublicKey: null,
          phonePublicKey: null,
          phoneNonce: null,
        },
  );
  await deps.companions.deleteMessages(channelId, 'phone', Number.POSITIVE_INFINITY);
  await deps.companions.deleteMessages(channelId, 'watch', Number.POSITIVE_INFINITY);
  for (const w of ['phone', 'watch', 'pairing'] as const) deps.waiter.notify(companionWakeKey(channelId, w));
}
