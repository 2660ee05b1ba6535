import type { ModExp, RandomSource } from '@tessera/crypto';
import type { AppApiTransport } from './app-api-transport.js';
import type { DeviceVault } from './device-vault.js';

/** What every device operation runs with: storage, transport, randomness and clock, all injected. */
export interface DeviceContext {
  vault: DeviceVault;
  transport: AppApiTransport;
  random: RandomSource;
  /** Milliseconds since the epoch. */
  now: () => number;
  /**
   * The exponentiation with the device's key share: `bigintModExp` when not given (it runs everywhere). In Node,
   * `createOpensslModExp({ maxCachedContexts: 0 })` from `@tessera/crypto/node` is about three times faster.
   */
  modExp?: ModExp;
}
