import { assertPinLockState, type PinLockState } from './pin-lock-ladder.js';

/**
 * The state after a right PIN on a reserved attempt: the counter (with the reservation) and any temporary lock
 * are cleared. A permanent lock is never lifted, not even by a right PIN that was already in flight.
 */
export function recordPinSuccess(state: PinLockState): PinLockState {
  assertPinLockState(state);
  if (state.permanent) return { ...state };
  return { wrongAttempts: 0, lockedUntil: null, permanent: false };
}
