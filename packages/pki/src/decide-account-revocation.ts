import type { RevocationReason } from './revocation-reason.js';

/** What happened to an account that may touch its certificates (design: two-party-rsa.md, lock ladder). */
export type AccountEvent =
  | 'PIN_LOCKED_TEMPORARILY'
  | 'PIN_LOCKED_PERMANENTLY'
  | 'CLONE_DETECTED'
  | 'ACCOUNT_DELETED';

/** Whether an account event revokes the account's certificates, and with which CRL reason. */
export type RevocationDecision = { revoke: false } | { revoke: true; reason: RevocationReason };

/**
 * The revocation policy for account events. A temporary PIN lock only pauses the account: the certificates stay
 * good. A permanent lock or a deleted account ends them with `cessationOfOperation`: the server's key share never
 * left the HSM and no signature was made with a guessed PIN, so signatures made before stay valid (a
 * `keyCompromise` reason would cast doubt on them). Two copies of the device state (clone detection) mean the
 * device share is in other hands: `keyCompromise`.
 */
export function decideAccountRevocation(event: AccountEvent): RevocationDecision {
  switch (event) {
    case 'PIN_LOCKED_TEMPORARILY':
      return { revoke: false };
    case 'PIN_LOCKED_PERMANENTLY':
    case 'ACCOUNT_DELETED':
      return { revoke: true, reason: 'cessationOfOperation' };
    case 'CLONE_DETECTED':
      return { revoke: true, reason: 'keyCompromise' };
  }
}
