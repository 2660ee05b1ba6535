import { CryptoError } from './crypto-error.js';
import {
  assertPinLockState,
  assertTime,
  PERMANENT_LOCK_ATTEMPTS,
  PIN_LOCK_LADDER,
  type PinLockState,
} from './pin-lock-ladder.js';

/** The state after a wrong PIN, and the lock it triggered (to audit and to show in the app). */
export interface RecordWrongPinResult {
  state: PinLockState;
  /** The lock this wrong PIN started, or null when it started none. */
  lockApplied: { permanent: false; lockedUntil: number } | { permanent: true; lockedUntil: null } | null;
}

/**
 * The state after a wrong PIN at time `now`, on a state whose attempt was reserved by `reservePinAttempt` (the
 * attempt is already counted; this applies the ladder to that count). Reaching a temporary step locks until
 * `now` plus its duration; reaching the last step, or any count past it, locks for good.
 * Throws `INVALID_ARGUMENT` if no attempt was reserved (the counter is 0).
 */
export function recordWrongPin(state: PinLockState, now: number): RecordWrongPinResult {
  assertPinLockState(state);
  assertTime(now);
  if (state.wrongAttempts === 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'A wrong PIN can only be recorded on a reserved attempt.');
  }
  if (state.permanent) return { state: { ...state }, lockApplied: null };
  if (state.wrongAttempts >= PERMANENT_LOCK_ATTEMPTS) {
    return {
      state: { wrongAttempts: state.wrongAttempts, lockedUntil: null, permanent: true },
      lockApplied: { permanent: true, lockedUntil: null },
    };
  }
  const step = PIN_LOCK_LADDER.find((s) => s.wrongAttempts === state.wrongAttempts);
  if (step === undefined || step.lockMs === null) return { state: { ...state }, lockApplied: null };
  const lockedUntil = now + step.lockMs;
  return {
    state: { wrongAttempts: state.wrongAttempts, lockedUntil, permanent: false },
    lockApplied: { permanent: false, lockedUntil },
  };
}
