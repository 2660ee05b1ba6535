import type { Clock, RelyingPartyStore, SessionStore, SessionWaiter } from '@tessera/core';
import type { RandomSource } from '@tessera/crypto';

/** What the RP API routes are composed of. */
export interface RpApiDeps {
  readonly relyingParties: RelyingPartyStore;
  readonly sessions: SessionStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
}
