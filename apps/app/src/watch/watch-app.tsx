import {
  claimPairing,
  type DetailsMessage,
  DeviceError,
  type PhoneToWatchMessage,
  receiveFromPhone,
  requestDetails,
  sendCodeChoice,
  sendPinEntry,
  sendRefusal,
  setWatchLocked,
  type TransactionPendingMessage,
  unpairWatch,
  type WatchCompanionState,
  type WatchPairing,
} from '@tessera/device';
import type { KeyPurpose } from '@tessera/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../phone/describe-error.js';
import { describeOutcome } from '../phone/result-screen.js';
import { fromCompanionOutcome, type TransactionOutcome } from '../phone/transaction-outcome.js';
import { formatTimeLeft, strings } from '../strings.js';
import { Logo } from '../ui/logo.js';
import { PinPad } from '../ui/pin-pad.js';
import { Screen } from '../ui/screen.js';
import { readWatchState, writeWatchState } from './watch-state-store.js';

const t = strings.watch;

/** Where the watch is. It holds no account and no key: only the channel to its phone. */
type View =
  | { name: 'loading' }
  | { name: 'pair'; notice?: string }
  | { name: 'claiming' }
  | { name: 'compare'; pairing: WatchPairing }
  | { name: 'confirming' }
  | { name: 'idle' }
  | { name: 'asking'; transactionId: string }
  | { name: 'details'; details: DetailsMessage; step: 'message' | 'pin' | 'busy'; notice?: string }
  | { name: 'outcome'; outcome: TransactionOutcome };

const purposeOf = (details: DetailsMessage): KeyPurpose =>
  details.kind === 'signature' ? 'signing' : 'authentication';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether an error says the channel is gone (unpaired on either side). */
function isUnpaired(error: unknown): boolean {
  return (
    error instanceof DeviceError &&
    error.code === 'SERVER_ERROR' &&
    (error.problemCode === 'UNPAIRED' || error.problemCode === 'CHANNEL_NOT_FOUND')
  );
}

/**
 * The watch companion at `/watch`: paired with one phone by the code the phone shows and a check code both
 * show; then it shows the requests the phone announces, asks the phone for the details, takes the PIN and
 * sends it to the phone over the end-to-end encrypted channel, and shows the outcome. Lock stops all
 * messages; unpair ends the pairing on both sides. It has nothing else: no accounts, no settings.
 */
export function WatchApp() {
  const [view, setView] = useState<View>({ name: 'loading' });
  /** The channel state: one object, changed in place by every call on the channel and saved after it. */
  const channel = useRef<WatchCompanionState | null>(null);
  /** What the screens need of it. */
  const [paired, setPaired] = useState<{ channelId: string; locked: boolean } | null>(null);
  const [requests, setRequests] = useState<TransactionPendingMessage[]>([]);
  const [now, setNow] = useState(Date.now());
  const current = useRef(view);
  current.current = view;
  const known = useRef(requests);
  known.current = requests;

  const save = async () => {
    const state = channel.current;
    await writeWatchState(state);
    setPaired(state === null ? null : { channelId: state.channelId, locked: state.locked });
  };

  const forget = async (notice: string) => {
    channel.current = null;
    await save();
    setRequests([]);
    setView({ name: 'pair', notice });
  };

  useEffect(() => {
    void readWatchState().then((state) => {
      channel.current = state;
      setPaired(state === null ? null : { channelId: state.channelId, locked: state.locked });
      setView(state === null ? { name: 'pair' } : { name: 'idle' });
    });
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(clock);
  }, []);

  const handle = (message: PhoneToWatchMessage) => {
    const here = current.current;
    switch (message.type) {
      case 'transaction-pending':
        setRequests((list) =>
          list.some((r) => r.transactionId === message.transactionId) ? list : [...list, message],
        );
        return;
      case 'details': {
        const waiting =
          (here.name === 'asking' && here.transactionId === message.transactionId) ||
          (here.name === 'details' && here.details.transactionId === message.transactionId);
        if (!waiting) return;
        const direct =
          message.interaction.type === 'displayTextAndPIN' && message.verificationCodeChoice === null;
        const chosen = here.name === 'details' && here.details.verificationCodeChoice !== null;
        setView({ name: 'details', details: message, step: direct || chosen ? 'pin' : 'message' });
        return;
      }
      case 'outcome': {
        const { transactionId } = message;
        const details =
          here.name === 'details' && here.details.transactionId === transactionId ? here.details : null;
        if (message.result === 'wrong-pin' && message.lockedUntil === undefined && details !== null) {
          const notice = strings.transaction.wrongPin(purposeOf(details), message.attemptsLeft);
          setView({ name: 'details', details, step: 'pin', notice });
          return;
        }
        const goesOn = message.result === 'wrong-pin' || message.result === 'failed';
        if (!goesOn) setRequests((list) => list.filter((r) => r.transactionId !== transactionId));
        const asked = details !== null || (here.name === 'asking' && here.transactionId === transactionId);
        if (!asked) return;
        const request = known.current.find((r) => r.transactionId === transactionId);
        const purpose = details !== null ? purposeOf(details) : 'authentication';
        const rpName = details?.rpName ?? request?.rpName ?? '';
        setView({ name: 'outcome', outcome: fromCompanionOutcome(message, purpose, rpName) });
      }
    }
  };

  // While paired and unlocked, a long poll brings what the phone sends.
  const listening = paired !== null && !paired.locked;
  useEffect(() => {
    const state = channel.current;
    if (!listening || state === null) return;
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const messages = await receiveFromPhone(state, { signal: stop.signal, waitMs: 25_000 });
          if (stop.signal.aborted) break;
          await writeWatchState(state);
          for (const message of messages) handle(message);
        } catch (error) {
          if (stop.signal.aborted) break;
          if (isUnpaired(error)) return void forget(t.unpaired);
          await sleep(3000);
        }
      }
    })();
    return () => stop.abort();
  }, [listening, paired?.channelId]);

  /** Runs one call on the channel and keeps its state; an unpaired channel is forgotten. */
  const onChannel = async (call: (state: WatchCompanionState) => Promise<void>): Promise<boolean> => {
    const state = channel.current;
    if (state === null) return false;
    try {
      await call(state);
      await save();
      return true;
    } catch (error) {
      if (isUnpaired(error)) await forget(t.unpaired);
      else setView({ name: 'outcome', outcome: { kind: 'ERROR', message: describeError(error) } });
      return false;
    }
  };

  const claim = async (code: string) => {
    setView({ name: 'claiming' });
    try {
      setView({ name: 'compare', pairing: await claimPairing(globalThis.location.origin, code) });
    } catch (error) {
      setView({ name: 'pair', notice: describeError(error) });
    }
  };

  const confirmPairing = async (pairing: WatchPairing) => {
    setView({ name: 'confirming' });
    try {
      channel.current = await pairing.confirm();
      await save();
      setView({ name: 'idle' });
    } catch (error) {
      setView({ name: 'pair', notice: describeError(error) });
    }
  };

  const open = async (transactionId: string) => {
    setView({ name: 'asking', transactionId });
    await onChannel((state) => requestDetails(state, transactionId));
  };

  const cancel = async (details: DetailsMessage) => {
    setView({ name: 'details', details, step: 'busy' });
    await onChannel((state) => sendRefusal(state, details.transactionId));
  };

  return (
    <div class="app watch">
      <header class="bar">
        <span class="logo">
          <Logo />
          <span>{t.title}</span>
        </span>
      </header>
      <main>{renderView()}</main>
    </div>
  );

  function renderView() {
    switch (view.name) {
      case 'loading':
      case 'claiming':
      case 'confirming':
        return (
          <p role="status" class="progress">
            {view.name === 'confirming' ? t.waitingPhone : strings.working}
          </p>
        );
      case 'pair':
        return (
          <Screen title={t.title} name="watch-pair">
            {view.notice !== undefined && (
              <p role="alert" class="problem">
                {view.notice}
              </p>
            )}
            <p>{t.notPaired}</p>
            <form
              class="form"
              onSubmit={(e) => {
                e.preventDefault();
                const code = new FormData(e.currentTarget).get('code');
                void claim(String(code ?? '').replace(/\s/g, ''));
              }}
            >
              <label class="field">
                <span>{t.enterCode}</span>
                <input name="code" inputMode="numeric" autoComplete="off" pattern="[0-9 ]*" required />
              </label>
              <button type="submit" class="primary">
                {t.pair}
              </button>
            </form>
          </Screen>
        );
      case 'compare': {
        const pairing = view.pairing;
        return (
          <Screen title={t.compare} name="watch-compare">
            <p class="pairing-code" data-testid="sas">
              {pairing.sas}
            </p>
            <button type="button" class="primary" onClick={() => void confirmPairing(pairing)}>
              {t.yes}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => void pairing.reject().finally(() => setView({ name: 'pair' }))}
            >
              {t.no}
            </button>
          </Screen>
        );
      }
      case 'idle':
        if (paired?.locked) {
          return (
            <Screen title={t.title} name="watch-locked">
              <p>{t.locked}</p>
              <button
                type="button"
                class="primary"
                onClick={() => void onChannel((state) => setWatchLocked(state, false))}
              >
                {t.unlock}
              </button>
            </Screen>
          );
        }
        return (
          <Screen title={t.title} name="watch-idle">
            {requests.length === 0 ? (
              <p class="note">{t.idle}</p>
            ) : (
              <ul class="list">
                {requests.map((request) => (
                  <li key={request.transactionId}>
                    <button type="button" class="card offer" onClick={() => void open(request.transactionId)}>
                      {strings.home.offer(request.rpName, request.kind)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void onChannel((state) => setWatchLocked(state, true)).then(() => setRequests([]))
              }
            >
              {t.lock}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void onChannel((state) => unpairWatch(state)).then(async (done) => {
                  if (done) await forget(t.unpaired);
                })
              }
            >
              {t.unpair}
            </button>
          </Screen>
        );
      case 'asking':
        return (
          <p role="status" class="progress">
            {t.asking}
          </p>
        );
      case 'details': {
        const { details, step } = view;
        const purpose = purposeOf(details);
        const tx = strings.transaction;
        return (
          <Screen title={tx.title[purpose]} name={`watch-transaction-${step}`}>
            <p class="rp-name">{details.rpName}</p>
            <p class="display-text" data-testid="display-text">
              {details.interaction.displayText}
            </p>
            {details.verificationCode !== null && details.verificationCodeChoice === null && (
              <div class="vc">
                <span class="vc-label">{tx.code}</span>
                <span class="vc-value" data-testid="verification-code">
                  {details.verificationCode}
                </span>
              </div>
            )}
            <p class="note expiry">{tx.expiresIn(formatTimeLeft(details.expiresAt, now))}</p>
            {view.notice !== undefined && (
              <p role="alert" class="problem">
                {view.notice}
              </p>
            )}
            {step === 'message' &&
              (details.verificationCodeChoice !== null ? (
                <fieldset class="code-choice">
                  <legend>{tx.chooseCode}</legend>
                  {details.verificationCodeChoice.map((code) => (
                    <button
                      type="button"
                      key={code}
                      class="code"
                      onClick={() => {
                        setView({ name: 'details', details, step: 'busy' });
                        void onChannel((state) => sendCodeChoice(state, details.transactionId, code));
                      }}
                    >
                      {code}
                    </button>
                  ))}
                </fieldset>
              ) : (
                <button
                  type="button"
                  class="primary"
                  onClick={() => setView({ name: 'details', details, step: 'pin' })}
                >
                  {tx.confirm}
                </button>
              ))}
            {(step === 'pin' || step === 'busy') && (
              <PinPad
                label={tx.enterPin(purpose)}
                minLength={purpose === 'authentication' ? 4 : 5}
                disabled={step === 'busy'}
                onSubmit={(pin) => {
                  setView({ name: 'details', details, step: 'busy' });
                  void onChannel((state) => sendPinEntry(state, details.transactionId, pin));
                }}
              />
            )}
            {step === 'busy' && (
              <p role="status" class="progress">
                {tx.signing}
              </p>
            )}
            <button
              type="button"
              class="secondary"
              disabled={step === 'busy'}
              onClick={() => void cancel(details)}
            >
              {strings.cancel}
            </button>
          </Screen>
        );
      }
      case 'outcome': {
        const good = view.outcome.kind === 'OK';
        return (
          <Screen title={strings.result.titles[view.outcome.kind]} name="watch-outcome">
            <p role="status" class={good ? 'result good' : 'result bad'} data-testid="result">
              {describeOutcome(view.outcome)}
            </p>
            <button type="button" class="primary" onClick={() => setView({ name: 'idle' })}>
              {strings.close}
            </button>
          </Screen>
        );
      }
    }
  }
}

/** What a paired watch shows at the phone's pages: the phone's accounts and settings are not here. */
export function PhoneOnly() {
  return (
    <div class="app watch">
      <main>
        <Screen title={t.title} name="watch-phone-only">
          <p role="alert">{t.phoneOnly}</p>
          <a class="button primary" href="/watch">
            {t.backToWatch}
          </a>
        </Screen>
      </main>
    </div>
  );
}
