import { type RandomSource, systemRandom } from '@tessera/crypto';
import { platformFetch, type RelayFetch } from './relay-request.js';

/** What the watch's calls may be given; everything defaults to the platform. */
export interface WatchOptions {
  /** Aborts a long poll or a wait. */
  signal?: AbortSignal;
  fetch?: RelayFetch;
  random?: RandomSource;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/** The relay link of a watch call. */
export function watchLink(baseUrl: string, options: WatchOptions) {
  return {
    baseUrl,
    fetch: options.fetch ?? platformFetch,
    random: options.random ?? systemRandom,
    now: options.now ?? (() => Date.now()),
  };
}
