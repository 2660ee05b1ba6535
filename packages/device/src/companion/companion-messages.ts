import type { InteractionTypeName, RefuseRequest } from '@tessera/protocol';
import { DeviceError } from '../device-error.js';

/**
 * The plaintexts of the companion channel (JSON, UTF-8, sealed before they leave the device). The watch
 * only ever sees what a person must read to decide, and never a key, a share or an account's certificate.
 */

/** Phone → watch: a transaction waits for the person; only who asks. */
export interface TransactionPendingMessage {
  type: 'transaction-pending';
  transactionId: string;
  rpName: string;
  kind: 'authentication' | 'signature';
  /** ISO 8601. */
  expiresAt: string;
}

/** Phone → watch: what the person confirms, as the phone would show it. */
export interface DetailsMessage {
  type: 'details';
  transactionId: string;
  rpName: string;
  kind: 'authentication' | 'signature';
  interaction: { type: InteractionTypeName; displayText: string };
  /** The code to compare with the RP's screen; null while a choice of three is pending. */
  verificationCode: string | null;
  verificationCodeChoice: string[] | null;
  /** PIN1 for authentication, PIN2 for signing. */
  pinKind: 'PIN1' | 'PIN2';
  expiresAt: string;
}

/** How a transaction ended, or why the phone could not go on, as the watch tells it. */
export type CompanionOutcome =
  | { result: 'done' }
  | { result: 'refused' }
  | { result: 'wrong-pin'; attemptsLeft: number; lockedUntil?: string }
  | { result: 'locked'; lockedUntil: string | null; permanent: boolean }
  | { result: 'wrong-code' }
  | { result: 'expired' }
  /** Answered or ended elsewhere (on the phone, by a timeout) before the watch acted. */
  | { result: 'closed' }
  /** The phone could not go on; `reason` is a stable code (`INVALID_PIN_FORMAT`, `CLONE_DETECTED`, …). */
  | { result: 'failed'; reason: string };

/** Phone → watch: the transaction's outcome. */
export type OutcomeMessage = { type: 'outcome'; transactionId: string } & CompanionOutcome;

/** Watch → phone: show me the transaction (the phone takes it if it was only offered). */
export interface DetailsRequestMessage {
  type: 'details-request';
  transactionId: string;
}

/** Watch → phone: the code the person chose of the three. */
export interface CodeChoiceMessage {
  type: 'code-choice';
  transactionId: string;
  verificationCode: string;
}

/** Watch → phone: the PIN the person typed. It exists only inside the channel, and the phone uses it once. */
export interface PinEntryMessage {
  type: 'pin-entry';
  transactionId: string;
  pin: string;
}

/** Watch → phone: the person refused, on this screen (the phone picks it from the interaction when absent). */
export interface RefusalMessage {
  type: 'refusal';
  transactionId: string;
  screen?: RefuseRequest['screen'];
}

/** What the phone sends the watch. */
export type PhoneToWatchMessage = TransactionPendingMessage | DetailsMessage | OutcomeMessage;

/** What the watch sends the phone. */
export type WatchToPhoneMessage =
  | DetailsRequestMessage
  | CodeChoiceMessage
  | PinEntryMessage
  | RefusalMessage;

const str = (v: unknown, max = 4000): v is string => typeof v === 'string' && v.length <= max;
const SCREENS = ['DISPLAYTEXT_AND_PIN', 'CONFIRMATIONMESSAGE', 'VERIFICATION_CODE_CHOICE', 'DEVICE_CHOICE'];

function malformed(): DeviceError {
  return new DeviceError(
    'COMPANION_MESSAGE_REJECTED',
    'The companion message is not one this side understands.',
  );
}

function parse(plaintext: Uint8Array): Record<string, unknown> {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      str(value.transactionId, 200)
    ) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through to the refusal.
  }
  throw malformed();
}

/** Reads a plaintext the watch sent; throws `COMPANION_MESSAGE_REJECTED` for anything else. */
export function readWatchToPhoneMessage(plaintext: Uint8Array): WatchToPhoneMessage {
  const m = parse(plaintext);
  switch (m.type) {
    case 'details-request':
      return { type: m.type, transactionId: m.transactionId as string };
    case 'code-choice':
      if (!str(m.verificationCode, 20)) break;
      return { type: m.type, transactionId: m.transactionId as string, verificationCode: m.verificationCode };
    case 'pin-entry':
      if (!str(m.pin, 20)) break;
      return { type: m.type, transactionId: m.transactionId as string, pin: m.pin };
    case 'refusal':
      if (m.screen !== undefined && !SCREENS.includes(m.screen as string)) break;
      return {
        type: m.type,
        transactionId: m.transactionId as string,
        ...(m.screen === undefined ? {} : { screen: m.screen as RefuseRequest['screen'] }),
      };
  }
  throw malformed();
}

/** Reads a plaintext the phone sent; throws `COMPANION_MESSAGE_REJECTED` for anything else. */
export function readPhoneToWatchMessage(plaintext: Uint8Array): PhoneToWatchMessage {
  const m = parse(plaintext);
  const known =
    (m.type === 'transaction-pending' && str(m.rpName) && str(m.expiresAt)) ||
    (m.type === 'details' &&
      str(m.rpName) &&
      typeof m.interaction === 'object' &&
      (m.pinKind === 'PIN1' || m.pinKind === 'PIN2')) ||
    (m.type === 'outcome' && str(m.result, 40));
  if (!known) throw malformed();
  return m as unknown as PhoneToWatchMessage;
}
