import type { WatchCompanionState } from '@tessera/device';
import { readRecord, writeRecord } from '../platform/browser-vault.js';

/** The record of this browser's watch channel; a browser that has one is a watch. */
const WATCH = 'watch';

/** The watch's channel to its phone, or null when this browser is not a paired watch. */
export function readWatchState(): Promise<WatchCompanionState | null> {
  return readRecord<WatchCompanionState>(WATCH);
}

/** Keeps (or, with null, forgets) the watch's channel. It holds the channel's keys: stored like the vault. */
export function writeWatchState(state: WatchCompanionState | null): Promise<void> {
  return writeRecord(WATCH, state);
}
