import type { AccountKey } from './account-key.js';

/** The time, as milliseconds since the epoch. A port so tests can freeze and move it. */
export interface Clock {
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Wraps and unwraps server shares under the key-encryption key. The HSM implementation keeps the KEK in the
 * token; the software one is for development only. `keyId` is bound into the wrapping, so a wrapped share
 * cannot be moved to another key.
 */
export interface KeyShareVault {
  readonly description: string;
  wrap(serverShare: bigint, keyId: string): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, keyId: string): Promise<bigint>;
}

/** What an `update` callback decides: the key's new state (none: leave it) and the value to return. */
export interface KeyUpdate<T> {
  readonly key?: AccountKey;
  readonly result: T;
}

/** Persistence of account keys. Implementations: SQL in @tessera/store, in memory for tests. */
export interface AccountKeyStore {
  /** Stores a new key; throws CoreError('KEY_EXISTS') when its id or its modulus is already registered. */
  insert(key: AccountKey): Promise<void>;
  /** The key, or undefined. */
  get(keyId: string): Promise<AccountKey | undefined>;
  /** Every registered modulus, for the shared-factor check at enrolment. */
  listModuli(): Promise<bigint[]>;
  /**
   * Runs `decide` with the key locked against every other `update` of it (a row lock), then saves the key it
   * returns, atomically: nothing is saved if `decide` throws. Throws CoreError('KEY_NOT_FOUND').
   */
  update<T>(keyId: string, decide: (key: AccountKey) => KeyUpdate<T> | Promise<KeyUpdate<T>>): Promise<T>;
}
