import { assertPinLockState, assertTime, isPermanentlyLocked, type PinLockState } from './pin-lock-ladder.js';

/** The result of asking to try a PIN. */
export type ReservePinAttemptOutcome =
  | {
      /** Commit `state` before computing with the PIN, then record the result on it. */
      outcome: 'RESERVED';
      state: PinLockState;
    }
  | {
      /** Do not compute. `lockedUntil` is the end of a temporary lock, `null` when `permanent`. */
      outcome: 'LOCKED';
      lockedUntil: number | null;
      permanent: boolean;
    };

/**
 * Reserves one PIN attempt at time `now`: refuses while the key is locked, otherwise counts the attempt as
 * wrong in advance and returns the state to commit before computing (see `pin-lock-ladder.ts`). Allow one
 * attempt in flight per key, so parallel guesses cannot race the counter.
 */
export function reservePinAttempt(state: PinLockState, now: number): ReservePinAttemptOutcome {
  assertPinLockState(state);
  assertTime(now);
  if (isPermanentlyLocked(state)) return { outcome: 'LOCKED', lockedUntil: null, permanent: true };
  if (state.lockedUntil !== null && now < state.lockedUntil) {
    return { outcome: 'LOCKED', lockedUntil: state.lockedUntil, permanent: false };
  }
  return {
    outcome: 'RESERVED',
    state: { wrongAttempts: state.wrongAttempts + 1, lockedUntil: null, permanent: false },
  };
}
