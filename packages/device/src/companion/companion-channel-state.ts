/**
 * One end of a paired companion channel, plain JSON (persist it as is: the phone keeps it in its vault, the
 * watch wherever its app keeps state, e.g. IndexedDB). The keys are raw AES-256-GCM keys, base64url: whoever
 * reads this object can read and write the channel, so it is stored like the vault.
 */
export interface CompanionChannelState {
  version: 1;
  /** The pairing id, which is the channel id. */
  channelId: string;
  /** This side's relay credential (bearer token). */
  token: string;
  /** AES-256-GCM key of what this side sends. */
  sendKey: string;
  /** AES-256-GCM key of what the other side sends. */
  receiveKey: string;
  /** The last message counter this side used; the next is larger (see `nextSendCounter`). */
  sendCounter: number;
  /** The largest counter accepted from the other side: anything at or below it is a replay and is dropped. */
  receiveCounter: number;
  /** The relay seq of the last message received; the next poll acknowledges it. */
  lastSeq: number;
}

/** The watch's end: the channel and the server it runs over, and whether the watch is locked. */
export interface WatchCompanionState extends CompanionChannelState {
  /** The identity server's base URL, without a trailing slash. */
  baseUrl: string;
  locked: boolean;
}

/**
 * The next send counter: larger than the last, and at least the clock in microseconds, so a counter lost with an
 * unsaved state (a crash, a stale copy) is never used twice after a restart.
 */
export function nextSendCounter(state: CompanionChannelState, now: number): number {
  const next = Math.max(state.sendCounter + 1, Math.floor(now) * 1000);
  state.sendCounter = next;
  return next;
}
