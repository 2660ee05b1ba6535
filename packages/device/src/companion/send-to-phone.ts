import type { RefuseRequest } from '@tessera/protocol';
import type { WatchCompanionState } from './companion-channel-state.js';
import type { WatchToPhoneMessage } from './companion-messages.js';
import { sendCompanionMessage } from './send-companion-message.js';
import { type WatchOptions, watchLink } from './watch-options.js';

/** The watch sends one message to its phone, sealed. Updates `watch` (persist it afterwards). */
export function sendToPhone(
  watch: WatchCompanionState,
  message: WatchToPhoneMessage,
  options: WatchOptions = {},
): Promise<void> {
  return sendCompanionMessage(watchLink(watch.baseUrl, options), watch, 'watch-to-phone', message);
}

/** Asks the phone for a transaction's details (it answers with a `details` message). */
export function requestDetails(
  watch: WatchCompanionState,
  transactionId: string,
  options: WatchOptions = {},
): Promise<void> {
  return sendToPhone(watch, { type: 'details-request', transactionId }, options);
}

/** Sends the verification code the person chose of the three. */
export function sendCodeChoice(
  watch: WatchCompanionState,
  transactionId: string,
  verificationCode: string,
  options: WatchOptions = {},
): Promise<void> {
  return sendToPhone(watch, { type: 'code-choice', transactionId, verificationCode }, options);
}

/** Sends the PIN the person typed, for the phone to confirm the transaction with (an `outcome` follows). */
export function sendPinEntry(
  watch: WatchCompanionState,
  transactionId: string,
  pin: string,
  options: WatchOptions = {},
): Promise<void> {
  return sendToPhone(watch, { type: 'pin-entry', transactionId, pin }, options);
}

/** The person refused on the watch (on `screen`, else the phone picks it from the interaction). */
export function sendRefusal(
  watch: WatchCompanionState,
  transactionId: string,
  screen?: RefuseRequest['screen'],
  options: WatchOptions = {},
): Promise<void> {
  return sendToPhone(
    watch,
    { type: 'refusal', transactionId, ...(screen === undefined ? {} : { screen }) },
    options,
  );
}
