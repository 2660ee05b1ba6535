import type { AccountStore, Clock, CompanionRelayStore, DeviceStore, SessionWaiter } from '@tessera/core';
import type { RandomSource } from '@tessera/crypto';

/** What the companion pairing and relay routes are composed of. */
export interface CompanionDeps {
  readonly companions: CompanionRelayStore;
  /** The phone's pairing request is a signed app API request. */
  readonly devices: DeviceStore;
  readonly accounts: AccountStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
}

/** Limits of the pairing-code rate limit: wrong codes per client address, and from anyone, per window. */
export interface ClaimRateLimit {
  readonly windowMs: number;
  readonly perIp: number;
  readonly total: number;
}

/** Ten wrong codes per address and a thousand in all per ten minutes. */
export const DEFAULT_CLAIM_RATE_LIMIT: ClaimRateLimit = { windowMs: 10 * 60_000, perIp: 10, total: 1000 };
