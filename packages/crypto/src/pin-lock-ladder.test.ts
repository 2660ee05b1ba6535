import { describe, expect, it } from 'vitest';
import { getPinLockStatus } from './get-pin-lock-status.js';
import { createPinLockState, PIN_LOCK_LADDER, type PinLockState } from './pin-lock-ladder.js';
import { recordPinSuccess } from './record-pin-success.js';
import { recordWrongPin } from './record-wrong-pin.js';
import { reservePinAttempt } from './reserve-pin-attempt.js';
import { errorCodeOf } from './test-support/error-code.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Reserves an attempt at `now`, failing the test if the key is locked. */
function reserve(state: PinLockState, now: number): PinLockState {
  const outcome = reservePinAttempt(state, now);
  if (outcome.outcome !== 'RESERVED') throw new Error(`locked at ${now - T0} ms`);
  return outcome.state;
}

/**
 * Enters `count` wrong PINs one minute apart, each time waiting out a lock first, like a patient guesser.
 * Returns the state and the time of the last attempt.
 */
function wrongPins(
  count: number,
  state = createPinLockState(),
  start = T0,
): { state: PinLockState; at: number } {
  let now = start;
  let current = state;
  for (let i = 0; i < count; i++) {
    now += MINUTE;
    const status = getPinLockStatus(current, now);
    if (status.locked) now = status.until!;
    current = recordWrongPin(reserve(current, now), now).state;
  }
  return { state: current, at: now };
}

describe('the PIN lock ladder', () => {
  it('has the design steps: 3 wrong → 3 hours, 6 → 24 hours, 9 → for good', () => {
    expect(PIN_LOCK_LADDER).toEqual([
      { wrongAttempts: 3, lockMs: 3 * HOUR },
      { wrongAttempts: 6, lockMs: 24 * HOUR },
      { wrongAttempts: 9, lockMs: null },
    ]);
    expect(Object.isFrozen(PIN_LOCK_LADDER)).toBe(true);
  });

  it('starts unlocked with three attempts before the first lock', () => {
    expect(getPinLockStatus(createPinLockState(), T0)).toEqual({
      locked: false,
      until: null,
      permanent: false,
      wrongAttempts: 0,
      attemptsLeftBeforeNextLock: 3,
      nextLock: { wrongAttempts: 3, lockMs: 3 * HOUR },
    });
  });

  it('counts the attempt when it is reserved, before any computing', () => {
    const reserved = reserve(createPinLockState(), T0);
    expect(reserved.wrongAttempts).toBe(1);
    expect(getPinLockStatus(reserved, T0).attemptsLeftBeforeNextLock).toBe(2);
  });

  it('does not lock after 2 wrong PINs', () => {
    const { state, at } = wrongPins(2);
    expect(getPinLockStatus(state, at)).toMatchObject({ locked: false, attemptsLeftBeforeNextLock: 1 });
  });

  it('locks for 3 hours at the 3rd wrong PIN and refuses reservations until then', () => {
    const { state, at } = wrongPins(3);
    expect(state.lockedUntil).toBe(at + 3 * HOUR);
    expect(getPinLockStatus(state, at)).toMatchObject({
      locked: true,
      until: at + 3 * HOUR,
      permanent: false,
    });
    expect(reservePinAttempt(state, at + 3 * HOUR - 1)).toEqual({
      outcome: 'LOCKED',
      lockedUntil: at + 3 * HOUR,
      permanent: false,
    });
    expect(reservePinAttempt(state, at + 3 * HOUR).outcome).toBe('RESERVED');
    expect(getPinLockStatus(state, at + 3 * HOUR)).toMatchObject({
      locked: false,
      attemptsLeftBeforeNextLock: 3,
      nextLock: { wrongAttempts: 6, lockMs: 24 * HOUR },
    });
  });

  it('keeps counting after the 3-hour lock: the 4th and 5th wrong PINs lock nothing', () => {
    const four = wrongPins(4);
    expect(getPinLockStatus(four.state, four.at)).toMatchObject({ locked: false, wrongAttempts: 4 });
    const five = wrongPins(5);
    expect(getPinLockStatus(five.state, five.at)).toMatchObject({
      locked: false,
      wrongAttempts: 5,
      attemptsLeftBeforeNextLock: 1,
      nextLock: { wrongAttempts: 6, lockMs: 24 * HOUR },
    });
  });

  it('locks for 24 hours at the 6th wrong PIN', () => {
    const { state, at } = wrongPins(6);
    expect(getPinLockStatus(state, at)).toMatchObject({
      locked: true,
      until: at + 24 * HOUR,
      permanent: false,
    });
    expect(reservePinAttempt(state, at + 24 * HOUR - 1).outcome).toBe('LOCKED');
    expect(reservePinAttempt(state, at + 24 * HOUR).outcome).toBe('RESERVED');
  });

  it('does not lock at the 8th wrong PIN and warns that the next one locks for good', () => {
    const { state, at } = wrongPins(8);
    expect(getPinLockStatus(state, at)).toMatchObject({
      locked: false,
      attemptsLeftBeforeNextLock: 1,
      nextLock: { wrongAttempts: 9, lockMs: null },
    });
  });

  it('locks for good at the 9th wrong PIN, and stays locked forever', () => {
    const { state, at } = wrongPins(9);
    expect(state.permanent).toBe(true);
    const farFuture = at + 100 * 365 * 24 * HOUR;
    expect(getPinLockStatus(state, farFuture)).toEqual({
      locked: true,
      until: null,
      permanent: true,
      wrongAttempts: 9,
      attemptsLeftBeforeNextLock: 0,
      nextLock: null,
    });
    expect(reservePinAttempt(state, farFuture)).toEqual({
      outcome: 'LOCKED',
      lockedUntil: null,
      permanent: true,
    });
    expect(recordPinSuccess(state).permanent).toBe(true);
  });

  it('reports which wrong PIN started a lock', () => {
    let state = createPinLockState();
    const applied: string[] = [];
    let now = T0;
    for (let i = 1; i <= 9; i++) {
      const status = getPinLockStatus(state, now);
      if (status.locked) now = status.until!;
      const result = recordWrongPin(reserve(state, now), now);
      state = result.state;
      if (result.lockApplied) {
        applied.push(
          `${i}:${result.lockApplied.permanent ? 'permanent' : result.lockApplied.lockedUntil - now}`,
        );
      }
    }
    expect(applied).toEqual([`3:${3 * HOUR}`, `6:${24 * HOUR}`, '9:permanent']);
  });

  it('clears the counter on a right PIN, so three more wrong PINs are needed for a lock', () => {
    const { state, at } = wrongPins(5);
    const cleared = recordPinSuccess(reserve(state, at + MINUTE));
    expect(cleared).toEqual({ wrongAttempts: 0, lockedUntil: null, permanent: false });
    const again = wrongPins(2, cleared, at + MINUTE);
    expect(getPinLockStatus(again.state, again.at).locked).toBe(false);
    const third = wrongPins(1, again.state, again.at);
    expect(getPinLockStatus(third.state, third.at)).toMatchObject({
      locked: true,
      until: third.at + 3 * HOUR,
    });
  });

  it('refuses every reservation once nine attempts are counted, even if the ninth was never judged', () => {
    const { state, at } = wrongPins(8);
    const ninthReserved = reserve(state, at + MINUTE);
    // The server crashes here: the attempt stays counted and is never recorded as right or wrong.
    expect(reservePinAttempt(ninthReserved, at + 2 * MINUTE)).toEqual({
      outcome: 'LOCKED',
      lockedUntil: null,
      permanent: true,
    });
  });

  it('lets a right PIN that was reserved as the ninth attempt clear the counter', () => {
    const { state, at } = wrongPins(8);
    expect(recordPinSuccess(reserve(state, at + MINUTE))).toEqual(createPinLockState());
  });

  it('throws INVALID_ARGUMENT for a wrong PIN without a reservation, a malformed state or a bad time', () => {
    expect(errorCodeOf(() => recordWrongPin(createPinLockState(), T0))).toBe('INVALID_ARGUMENT');
    for (const bad of [
      { wrongAttempts: -1, lockedUntil: null, permanent: false },
      { wrongAttempts: 1.5, lockedUntil: null, permanent: false },
      { wrongAttempts: 1, lockedUntil: Number.NaN, permanent: false },
      { wrongAttempts: 1, lockedUntil: null, permanent: 'no' },
    ] as PinLockState[]) {
      expect(errorCodeOf(() => reservePinAttempt(bad, T0))).toBe('INVALID_ARGUMENT');
      expect(errorCodeOf(() => getPinLockStatus(bad, T0))).toBe('INVALID_ARGUMENT');
    }
    expect(errorCodeOf(() => reservePinAttempt(createPinLockState(), Number.NaN))).toBe('INVALID_ARGUMENT');
    expect(
      errorCodeOf(() => recordWrongPin({ wrongAttempts: 1, lockedUntil: null, permanent: false }, Infinity)),
    ).toBe('INVALID_ARGUMENT');
  });

  it('never changes the state it is given', () => {
    const state = reserve(wrongPins(2).state, T0 + HOUR);
    const snapshot = structuredClone(state);
    recordWrongPin(state, T0 + HOUR);
    recordPinSuccess(state);
    reservePinAttempt(state, T0 + HOUR);
    expect(state).toEqual(snapshot);
  });
});
