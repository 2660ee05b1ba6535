import type { KeyPurpose } from '@tessera/protocol';

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
