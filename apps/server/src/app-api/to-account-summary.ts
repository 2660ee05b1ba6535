import type { Account, AccountKey } from '@tessera/core';
import { getPinLockStatus } from '@tessera/crypto';
import type { AccountSummary, KeyLockState } from '@tessera/protocol';

function lockState(key: AccountKey, now: number): KeyLockState {
  const status = getPinLockStatus(key.lock, now);
  return {
    state: status.permanent ? 'PERMANENTLY_LOCKED' : status.locked ? 'LOCKED' : 'OPEN',
    lockedUntil: status.until === null ? null : new Date(status.until).toISOString(),
    attemptsLeft: status.attemptsLeftBeforeNextLock,
  };
}

/** An account as its device sees it: identity, validity, its state, and each key's PIN lock at `now`. */
export function toAccountSummary(account: Account, keys: readonly AccountKey[], now: number): AccountSummary {
  const locks = keys.map((key) => lockState(key, now));
  const lockedUntil = locks
    .map((l) => l.lockedUntil)
    .filter((t) => t !== null)
    .sort()
    .at(-1);
  const state =
    now >= account.validTo
      ? 'EXPIRED'
      : locks.some((l) => l.state === 'PERMANENTLY_LOCKED')
        ? 'PERMANENTLY_LOCKED'
        : lockedUntil !== undefined
          ? 'LOCKED'
          : 'ACTIVE';
  return {
    documentNumber: account.documentNumber,
    semanticsIdentifier: account.identity.semanticsIdentifier,
    givenName: account.identity.givenName,
    surname: account.identity.surname,
    level: account.level,
    state,
    lockedUntil: state === 'LOCKED' ? (lockedUntil ?? null) : null,
    validTo: new Date(account.validTo).toISOString(),
    keys: keys.map((key, i) => ({ purpose: key.purpose, keyId: key.id, lock: locks[i]! })),
  };
}
