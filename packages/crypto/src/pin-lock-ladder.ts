import { CryptoError } from './crypto-error.js';

/**
 * The PIN lock ladder (two-party-rsa.md, "Lock ladder"), one per key: PIN1 and PIN2 count separately.
 *
 * Model: before computing with a PIN, the server *reserves* the attempt (`reservePinAttempt`: the counter goes
 * up by one and is committed), so a crash or a race mid-computation can never give a free guess. A right PIN
 * clears the counter (`recordPinSuccess`); a wrong one keeps the increment and applies the ladder
 * (`recordWrongPin`). A temporary lock runs out by itself; the counter does not, so the 4th and 5th wrong PINs
 * after the 3-hour lock lock nothing, the 6th locks for 24 hours and the 9th for good.
 *
 * The hard limit holds even if a reserved attempt is never judged: 9 counted attempts refuse every further
 * reservation. Only the pause of a temporary step can be missed that way, if its very attempt is never judged
 * (callers judge in a `finally`).
 */
export interface PinLockStep {
  /** The count of wrong PINs since the last right one that triggers this step. */
  wrongAttempts: number;
  /** How long the key stays locked, in milliseconds; `null` for a lock that never ends. */
  lockMs: number | null;
}

const HOUR_MS = 60 * 60 * 1000;

/** The ladder's steps, in order. The last step is permanent, and every count at or past it stays locked. */
export const PIN_LOCK_LADDER: readonly Readonly<PinLockStep>[] = Object.freeze([
  Object.freeze({ wrongAttempts: 3, lockMs: 3 * HOUR_MS }),
  Object.freeze({ wrongAttempts: 6, lockMs: 24 * HOUR_MS }),
  Object.freeze({ wrongAttempts: 9, lockMs: null }),
]);

/** The ladder's count that locks for good. */
export const PERMANENT_LOCK_ATTEMPTS = PIN_LOCK_LADDER[PIN_LOCK_LADDER.length - 1]!.wrongAttempts;

/** The lock state of one key's PIN: plain data, stored as is. Times are milliseconds since the epoch. */
export interface PinLockState {
  /** Wrong PINs since the last right one, including an attempt that is reserved and not yet judged. */
  wrongAttempts: number;
  /** End of the current temporary lock; in the past or `null` when not temporarily locked. */
  lockedUntil: number | null;
  /** Locked for good: the certificates are revoked and the account must be registered again. */
  permanent: boolean;
}

/** The state of a new key: no wrong PINs, not locked. */
export function createPinLockState(): PinLockState {
  return { wrongAttempts: 0, lockedUntil: null, permanent: false };
}

/** Throws `INVALID_ARGUMENT` unless `state` is a well-formed `PinLockState`. */
export function assertPinLockState(state: PinLockState): void {
  if (
    typeof state !== 'object' ||
    state === null ||
    !Number.isSafeInteger(state.wrongAttempts) ||
    state.wrongAttempts < 0 ||
    !(state.lockedUntil === null || Number.isFinite(state.lockedUntil)) ||
    typeof state.permanent !== 'boolean'
  ) {
    throw new CryptoError('INVALID_ARGUMENT', 'The PIN lock state is malformed.');
  }
}

/** Throws `INVALID_ARGUMENT` unless `now` is a finite time in milliseconds. */
export function assertTime(now: number): void {
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      'The time must be a finite number of milliseconds since the epoch.',
    );
  }
}

/** Whether the state is locked for good (by the flag, or by a count that reached the last step). */
export function isPermanentlyLocked(state: PinLockState): boolean {
  return state.permanent || state.wrongAttempts >= PERMANENT_LOCK_ATTEMPTS;
}

/** The first step still ahead of a count of wrong PINs, or null when none is. */
export function nextPinLockStep(wrongAttempts: number): Readonly<PinLockStep> | null {
  return PIN_LOCK_LADDER.find((step) => step.wrongAttempts > wrongAttempts) ?? null;
}
