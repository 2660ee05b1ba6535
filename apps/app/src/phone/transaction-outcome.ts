import type { CompanionOutcome } from '@tessera/device';
import type { KeyPurpose } from '@tessera/protocol';
import { strings } from '../strings.js';

/** How a transaction ended on this device, as the result screen tells it. */
export type TransactionOutcome =
  | { kind: 'OK'; purpose: KeyPurpose; rpName: string; callbackUrl?: string }
  | { kind: 'CERTIFICATE_CHOSEN'; rpName: string }
  | { kind: 'LOCKED'; purpose: KeyPurpose; lockedUntil: string | null }
  | { kind: 'REFUSED' }
  | { kind: 'WRONG_VC' }
  | { kind: 'EXPIRED' }
  | { kind: 'CLONE_DETECTED' }
  | { kind: 'UNSUPPORTED' }
  | { kind: 'GONE' }
  | { kind: 'ERROR'; message: string };

/**
 * A transaction's end as the phone tells its watch (or the watch tells the phone's screen), in the app's terms.
 * A wrong PIN that leaves attempts is not an end: the caller shows it on the PIN screen instead.
 */
export function fromCompanionOutcome(
  outcome: CompanionOutcome,
  purpose: KeyPurpose,
  rpName: string,
): TransactionOutcome {
  switch (outcome.result) {
    case 'done':
      return { kind: 'OK', purpose, rpName };
    case 'refused':
      return { kind: 'REFUSED' };
    case 'wrong-pin':
      return outcome.lockedUntil === undefined
        ? { kind: 'ERROR', message: strings.transaction.wrongPin(purpose, outcome.attemptsLeft) }
        : { kind: 'LOCKED', purpose, lockedUntil: outcome.lockedUntil };
    case 'locked':
      return { kind: 'LOCKED', purpose, lockedUntil: outcome.permanent ? null : outcome.lockedUntil };
    case 'wrong-code':
      return { kind: 'WRONG_VC' };
    case 'expired':
      return { kind: 'EXPIRED' };
    case 'closed':
      return { kind: 'GONE' };
    case 'failed':
      if (outcome.reason === 'CLONE_DETECTED') return { kind: 'CLONE_DETECTED' };
      return {
        kind: 'ERROR',
        message: strings.errors[outcome.reason as keyof typeof strings.errors] ?? strings.errors.unknown,
      };
  }
}
