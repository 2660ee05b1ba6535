import type { RefuseRequest, TransactionOffer, TransactionView } from '@tessera/protocol';
import { chooseVerificationCode } from '../choose-verification-code.js';
import { type ConfirmTransactionResult, confirmTransaction } from '../confirm-transaction.js';
import type { DeviceContext } from '../device-context.js';
import { DeviceError } from '../device-error.js';
import { fetchPendingTransactions } from '../fetch-pending-transactions.js';
import { loadVault } from '../load-vault.js';
import { refuseTransaction } from '../refuse-transaction.js';
import { takeTransaction } from '../take-transaction.js';
import type { CompanionChannelState } from './companion-channel-state.js';
import {
  type CompanionOutcome,
  type DetailsMessage,
  type PhoneToWatchMessage,
  readWatchToPhoneMessage,
  type WatchToPhoneMessage,
} from './companion-messages.js';
import { receiveCompanionMessages } from './receive-companion-messages.js';
import { isChannelGone } from './relay-request.js';
import { sendCompanionMessage } from './send-companion-message.js';

/** What `serveCompanion` reports to the phone's UI. Never carries a PIN. */
export type CompanionEvent =
  | { type: 'announced'; transactionId: string; rpName: string }
  /** The watch is locked: the relay refused the notice; it is tried again while the transaction waits. */
  | { type: 'watch-locked'; transactionId: string }
  | { type: 'details-sent'; transactionId: string }
  | { type: 'outcome'; transactionId: string; outcome: CompanionOutcome }
  /** Messages that failed authentication or replay checks were dropped. */
  | { type: 'message-rejected'; count: number }
  /** The watch (or the phone elsewhere) unpaired: the vault forgot the channel and serving ended. */
  | { type: 'unpaired' }
  /** A poll failed (network, server); serving goes on after a pause. */
  | { type: 'error'; error: unknown };

/** How `serveCompanion` runs. */
export interface ServeCompanionOptions {
  /** Stops serving. */
  signal: AbortSignal;
  onEvent?: (event: CompanionEvent) => void;
  /** Pause between polls while something waits, or after a failure. Default 1.5 s. */
  pollIntervalMs?: number;
}

/** The screen a refusal on the watch stands for, when the watch did not say. */
function refusalScreen(view: TransactionView): RefuseRequest['screen'] {
  if (view.verificationCodeChoice !== null) return 'VERIFICATION_CODE_CHOICE';
  return view.interaction.type === 'confirmationMessage' ||
    view.interaction.type === 'confirmationMessageAndVerificationCodeChoice'
    ? 'CONFIRMATIONMESSAGE'
    : 'DISPLAYTEXT_AND_PIN';
}

function toOutcome(answer: ConfirmTransactionResult): CompanionOutcome {
  switch (answer.result) {
    case 'OK':
      return { result: 'done' };
    case 'WRONG_PIN':
      return {
        result: 'wrong-pin',
        attemptsLeft: answer.attemptsLeft,
        ...(answer.lockedUntil === undefined ? {} : { lockedUntil: answer.lockedUntil }),
      };
    case 'LOCKED':
      return { result: 'locked', lockedUntil: answer.lockedUntil, permanent: answer.permanent };
    case 'EXPIRED':
      return { result: 'expired' };
    default:
      return { result: 'failed', reason: answer.result };
  }
}

/** An error while acting on a watch request, as the watch is told it. */
function errorOutcome(error: unknown): CompanionOutcome {
  if (error instanceof DeviceError) {
    if (
      error.code === 'SERVER_ERROR' &&
      (error.status === 404 ||
        error.problemCode === 'SESSION_NOT_OPEN' ||
        error.problemCode === 'ACCOUNT_NOT_USABLE')
    ) {
      return { result: 'closed' };
    }
    return { result: 'failed', reason: error.problemCode ?? error.code };
  }
  return { result: 'failed', reason: 'INTERNAL' };
}

function details(view: TransactionView): DetailsMessage {
  const signature = view.keyPurpose === 'signing';
  return {
    type: 'details',
    transactionId: view.transactionId,
    rpName: view.rpName,
    kind: signature ? 'signature' : 'authentication',
    interaction: { type: view.interaction.type, displayText: view.interaction.displayText },
    verificationCode: view.verificationCode,
    verificationCodeChoice: view.verificationCodeChoice,
    pinKind: signature ? 'PIN2' : 'PIN1',
    expiresAt: view.expiresAt,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The phone's side of the watch companion, until `signal` aborts or the channel is unpaired. Two loops share
 * the paired channel (from the vault; throws `NOT_PAIRED` without one):
 *
 * - the phone's pending-transactions long poll: each new notification offer to authenticate or sign is
 *   announced to the watch (`transaction-pending`, the RP name only); one that ends elsewhere gets an
 *   `outcome` of `closed`. Device links and certificate choices stay on the phone.
 * - the relay long poll: `details-request` takes the offer (with the device's only account for it) and answers
 *   `details`; `code-choice` sends the chosen code; `pin-entry` confirms the transaction with the existing
 *   two-party signature, PIN used once and never kept, and answers the `outcome` (done, wrong PIN with
 *   attempts left, locked, expired); `refusal` refuses it.
 *
 * Message counters are kept in memory while serving (send counters follow the clock, so none is reused after a
 * restart); the vault is written only to forget an unpaired channel, so serving never races the app's own
 * vault writes (clone tokens).
 */
export async function serveCompanion(context: DeviceContext, options: ServeCompanionOptions): Promise<void> {
  const stored = (await loadVault(context)).companion;
  if (stored === undefined) throw new DeviceError('NOT_PAIRED', 'No watch is paired with this phone.');
  const state: CompanionChannelState = { ...stored };
  const emit = (event: CompanionEvent) => options.onEvent?.(event);
  const interval = options.pollIntervalMs ?? 1500;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) stop.abort();
  const link = {
    fetch: context.transport.fetch,
    baseUrl: context.transport.baseUrl,
    now: context.now,
    random: context.random,
  };

  const offers = new Map<string, TransactionOffer>();
  const taken = new Map<string, TransactionView>();
  const announced = new Set<string>();
  const finished = new Set<string>();
  let unpaired = false;

  async function channelGone(): Promise<void> {
    if (unpaired) return;
    unpaired = true;
    stop.abort();
    const data = await loadVault(context);
    if (data.companion?.channelId === state.channelId) {
      delete data.companion;
      await context.vault.save(data);
    }
    emit({ type: 'unpaired' });
  }

  const send = (message: PhoneToWatchMessage) => sendCompanionMessage(link, state, 'phone-to-watch', message);

  async function sendOutcome(transactionId: string, outcome: CompanionOutcome): Promise<void> {
    // A wrong PIN, a temporary lock or a failure leaves the transaction running: the watch may try again.
    const goesOn =
      outcome.result === 'wrong-pin' ||
      outcome.result === 'failed' ||
      (outcome.result === 'locked' && !outcome.permanent);
    if (!goesOn) {
      finished.add(transactionId);
      taken.delete(transactionId);
    }
    await send({ type: 'outcome', transactionId, ...outcome });
    emit({ type: 'outcome', transactionId, outcome });
  }

  /** The transaction as taken by this phone, taking the offer first if needed; null when it cannot be. */
  async function viewOf(transactionId: string): Promise<TransactionView | null> {
    const known = taken.get(transactionId);
    if (known !== undefined) return known;
    let offer = offers.get(transactionId);
    if (offer === undefined) {
      const pending = await fetchPendingTransactions(context);
      const mine = pending.transactions.find((t) => t.transactionId === transactionId);
      if (mine !== undefined) {
        taken.set(transactionId, mine);
        return mine;
      }
      offer = pending.offers.find((o) => o.transactionId === transactionId);
    }
    if (offer === undefined || offer.kind === 'certificateChoice') return null;
    const took = await takeTransaction(context, {
      transactionId,
      documentNumbers: offer.documentNumbers,
    });
    if (took.view === null) return null;
    taken.set(transactionId, took.view);
    return took.view;
  }

  async function handle(message: WatchToPhoneMessage): Promise<void> {
    const id = message.transactionId;
    if (finished.has(id)) return sendOutcome(id, { result: 'closed' });
    try {
      const view = await viewOf(id);
      if (view === null) return await sendOutcome(id, { result: 'closed' });
      switch (message.type) {
        case 'details-request':
          await send(details(view));
          emit({ type: 'details-sent', transactionId: id });
          return;
        case 'code-choice': {
          const chosen = await chooseVerificationCode(context, id, message.verificationCode);
          if (chosen.result === 'WRONG_VC') return await sendOutcome(id, { result: 'wrong-code' });
          const updated = {
            ...view,
            verificationCode: message.verificationCode,
            verificationCodeChoice: null,
          };
          taken.set(id, updated);
          await send(details(updated));
          emit({ type: 'details-sent', transactionId: id });
          return;
        }
        case 'pin-entry':
          return await sendOutcome(
            id,
            toOutcome(await confirmTransaction(context, { view, pin: message.pin })),
          );
        case 'refusal':
          await refuseTransaction(context, id, message.screen ?? refusalScreen(view));
          return await sendOutcome(id, { result: 'refused' });
      }
    } catch (error) {
      if (isChannelGone(error)) throw error;
      await sendOutcome(id, errorOutcome(error));
    }
  }

  async function watchTransactions(): Promise<void> {
    while (!stop.signal.aborted) {
      let busy = false;
      try {
        const pending = await fetchPendingTransactions(context, { waitMs: 20_000, signal: stop.signal });
        if (stop.signal.aborted) return;
        offers.clear();
        for (const o of pending.offers) offers.set(o.transactionId, o);
        const live = new Set([...offers.keys(), ...pending.transactions.map((t) => t.transactionId)]);
        busy = live.size > 0;
        for (const offer of pending.offers) {
          const id = offer.transactionId;
          if (offer.kind === 'certificateChoice' || announced.has(id) || finished.has(id)) continue;
          try {
            await send({
              type: 'transaction-pending',
              transactionId: id,
              rpName: offer.rpName,
              kind: offer.kind,
              expiresAt: offer.expiresAt,
            });
            announced.add(id);
            emit({ type: 'announced', transactionId: id, rpName: offer.rpName });
          } catch (error) {
            if (!(error instanceof DeviceError && error.problemCode === 'WATCH_LOCKED')) throw error;
            emit({ type: 'watch-locked', transactionId: id });
          }
        }
        for (const id of announced) {
          if (!live.has(id) && !finished.has(id)) {
            await sendOutcome(id, { result: 'closed' }).catch((error) => {
              if (!(error instanceof DeviceError && error.problemCode === 'WATCH_LOCKED')) throw error;
              finished.add(id);
            });
          }
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        if (isChannelGone(error)) return channelGone();
        emit({ type: 'error', error });
        busy = true;
      }
      if (busy) await sleep(interval, stop.signal);
    }
  }

  async function watchMessages(): Promise<void> {
    while (!stop.signal.aborted) {
      try {
        const batch = await receiveCompanionMessages(link, state, 'watch-to-phone', readWatchToPhoneMessage, {
          signal: stop.signal,
        });
        if (batch.rejected > 0) emit({ type: 'message-rejected', count: batch.rejected });
        for (const message of batch.messages) {
          if (stop.signal.aborted) return;
          await handle(message);
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        if (isChannelGone(error)) return channelGone();
        emit({ type: 'error', error });
        await sleep(interval, stop.signal);
      }
    }
  }

  try {
    await Promise.all([watchTransactions(), watchMessages()]);
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
}
