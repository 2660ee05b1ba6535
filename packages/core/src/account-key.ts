import type { CloneTokenState, PinLockState } from '@tessera/crypto';

/** Which PIN unlocks a key: PIN1 authenticates, PIN2 signs. */
export type KeyPurpose = 'authentication' | 'signing';

/** The signing attempt a key is busy with: one at a time per key, so parallel guesses cannot race the counter. */
export interface InFlightAttempt {
  readonly transactionId: string;
  /** Milliseconds since the epoch; an attempt older than `IN_FLIGHT_TIMEOUT_MS` no longer blocks. */
  readonly since: number;
}

/**
 * The server's half of one account key. `wrappedServerShare` is d_srv under the key-encryption key, never in
 * clear at rest. `lastOutcome` answers an identical retry of the last accepted request without counting it.
 */
export interface AccountKey {
  readonly id: string;
  readonly accountId: string;
  readonly purpose: KeyPurpose;
  readonly modulus: bigint;
  readonly publicExponent: bigint;
  readonly wrappedServerShare: Uint8Array;
  readonly lock: PinLockState;
  readonly cloneToken: CloneTokenState;
  readonly inFlight: InFlightAttempt | null;
  readonly lastOutcome: SignatureOutcome | null;
  /** The key's certificate once issued (DER) and its serial (hex). */
  readonly certificate: { readonly serial: string; readonly der: Uint8Array } | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** How long a signing attempt may hold its key before another request may take over (the server crashed). */
export const IN_FLIGHT_TIMEOUT_MS = 30_000;

/**
 * What a signing attempt came to, as the device is told. `nextCloneToken` is the clone-token response the
 * device opens with `openNextCloneToken`; it travels only with outcomes that consumed the presented token.
 */
export type SignatureOutcome =
  | { readonly outcome: 'OK'; readonly signature: Uint8Array; readonly nextCloneToken: Uint8Array }
  | {
      readonly outcome: 'WRONG_PIN';
      readonly wrongAttempts: number;
      readonly attemptsLeftBeforeNextLock: number;
      readonly lockedUntil: number | null;
      readonly permanent: boolean;
      readonly nextCloneToken: Uint8Array;
    }
  | { readonly outcome: 'LOCKED'; readonly lockedUntil: number | null; readonly permanent: boolean }
  | { readonly outcome: 'CLONE_DETECTED' }
  | { readonly outcome: 'INVALID_TOKEN' }
  | { readonly outcome: 'BUSY' };
