import { useEffect } from 'preact/hooks';
import { formatDateTime, formatTimeLeft, strings } from '../strings.js';
import { Screen } from '../ui/screen.js';
import type { TransactionOutcome } from './transaction-outcome.js';

const t = strings.result;

/** The outcome in one sentence (the phone's result screen, the watch's outcome). */
export function describeOutcome(outcome: TransactionOutcome): string {
  switch (outcome.kind) {
    case 'OK':
      return t.ok[outcome.purpose](outcome.rpName);
    case 'CERTIFICATE_CHOSEN':
      return t.certificateChosen(outcome.rpName);
    case 'LOCKED':
      return outcome.lockedUntil === null
        ? t.lockedForGood(outcome.purpose)
        : t.locked(
            outcome.purpose,
            formatTimeLeft(outcome.lockedUntil, Date.now()),
            formatDateTime(outcome.lockedUntil),
          );
    case 'REFUSED':
      return t.refused;
    case 'WRONG_VC':
      return t.wrongCode;
    case 'EXPIRED':
      return t.expired;
    case 'CLONE_DETECTED':
      return t.clone;
    case 'UNSUPPORTED':
      return t.unsupported;
    case 'GONE':
      return t.gone;
    case 'ERROR':
      return outcome.message;
  }
}

/**
 * How a transaction ended, in one sentence. A confirmed Web2App/App2App transaction returns to the relying
 * party's callback URL by itself (with a button for browsers that hold it back).
 */
export function ResultScreen({ outcome, onClose }: { outcome: TransactionOutcome; onClose: () => void }) {
  const callbackUrl = outcome.kind === 'OK' ? outcome.callbackUrl : undefined;
  useEffect(() => {
    if (callbackUrl === undefined) return;
    const timer = setTimeout(() => globalThis.location.assign(callbackUrl), 1200);
    return () => clearTimeout(timer);
  }, [callbackUrl]);
  const good = outcome.kind === 'OK' || outcome.kind === 'CERTIFICATE_CHOSEN';
  return (
    <Screen title={t.titles[outcome.kind]} name={`result-${outcome.kind.toLowerCase()}`}>
      <p role="status" class={good ? 'result good' : 'result bad'} data-testid="result">
        {describeOutcome(outcome)}
      </p>
      {callbackUrl !== undefined && outcome.kind === 'OK' ? (
        <>
          <p class="note">{t.returning(outcome.rpName)}</p>
          <a class="button primary" href={callbackUrl}>
            {t.returnNow}
          </a>
        </>
      ) : (
        <button type="button" class="primary" onClick={onClose}>
          {strings.close}
        </button>
      )}
    </Screen>
  );
}
