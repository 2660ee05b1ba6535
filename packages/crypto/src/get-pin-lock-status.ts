import {
  assertPinLockState,
  assertTime,
  isPermanentlyLocked,
  nextPinLockStep,
  type PinLockState,
  type PinLockStep,
} from './pin-lock-ladder.js';

/** How a key's PIN lock looks at one moment, for the app and for audit. */
export interface PinLockStatus {
  /** No attempt may be made now. */
  locked: boolean;
  /** End of the temporary lock in force, or null (not locked, or locked for good). */
  until: number | null;
  /** Locked for good. */
  permanent: boolean;
  /** Wrong PINs counted since the last right one. */
  wrongAttempts: number;
  /** How many more wrong PINs (once any current lock has ended) start the next lock; 0 when locked for good. */
  attemptsLeftBeforeNextLock: number;
  /** The step those wrong PINs would reach, or null when locked for good. */
  nextLock: Readonly<PinLockStep> | null;
}

/** The lock status of `state` at time `now`. */
export function getPinLockStatus(state: PinLockState, now: number): PinLockStatus {
  assertPinLockState(state);
  assertTime(now);
  if (isPermanentlyLocked(state)) {
    return {
      locked: true,
      until: null,
      permanent: true,
      wrongAttempts: state.wrongAttempts,
      attemptsLeftBeforeNextLock: 0,
      nextLock: null,
    };
  }
  const temporarilyLocked = state.lockedUntil !== null && now < state.lockedUntil;
  const next = nextPinLockStep(state.wrongAttempts);
  return {
    locked: temporarilyLocked,
    until: temporarilyLocked ? state.lockedUntil : null,
    permanent: false,
    wrongAttempts: state.wrongAttempts,
    attemptsLeftBeforeNextLock: next === null ? 0 : next.wrongAttempts - state.wrongAttempts,
    nextLock: next,
  };
}
