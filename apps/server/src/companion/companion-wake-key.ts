import type { CompanionSide } from '@tessera/core';

/** The waiter key a side's long poll on a channel waits on: its mailbox, or (`pairing`) the pairing's changes. */
export function companionWakeKey(channelId: string, what: CompanionSide | 'pairing'): string {
  return `companion:${channelId}:${what}`;
}
