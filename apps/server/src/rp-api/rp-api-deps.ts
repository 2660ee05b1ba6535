import type {
  AccountKeyStore,
  AccountStore,
  Clock,
  DeviceNotifier,
  RelyingPartyStore,
  SessionStore,
  SessionWaiter,
} from '@tessera/core';
import type { RandomSource } from '@tessera/crypto';

/** What the RP API routes are composed of. */
export interface RpApiDeps {
  readonly relyingParties: RelyingPartyStore;
  readonly sessions: SessionStore;
  /** Whose accounts a session by identifier or document number is for. */
  readonly accounts: AccountStore;
  /** The signing certificates of accounts (endpoint 11). */
  readonly keys: AccountKeyStore;
  /** Wakes the devices a notification session is offered to. */
  readonly notifier: DeviceNotifier;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
}
