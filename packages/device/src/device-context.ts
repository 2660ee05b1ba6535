import type { RandomSource } from '@tessera/crypto';
import type { AppApiTransport } from './app-api-transport.js';
import type { DeviceVault } from './device-vault.js';

/** What every device operation runs with: storage, transport, randomness and clock, all injected. */
export interface DeviceContext {
  vault: DeviceVault;
  transport: AppApiTransport;
  random: RandomSource;
  /** Milliseconds since the epoch. */
  now: () => number;
}
