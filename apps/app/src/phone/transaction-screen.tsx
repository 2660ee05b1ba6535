import {
  chooseVerificationCode,
  confirmTransaction,
  type DeviceContext,
  refuseTransaction,
} from '@tessera/device';
import type { RefuseRequest, TransactionView } from '@tessera/protocol';
import { useEffect, useState } from 'preact/hooks';
import { formatTimeLeft, strings } from '../strings.js';
import { PinPad } from '../ui/pin-pad.js';
import { Screen } from '../ui/screen.js';
import { describeError, problemCodeOf } from './describe-error.js';
import type { TransactionOutcome } from './transaction-outcome.js';

const t = strings.transaction;

/** A transaction's steps: the confirmation message or the code choice first when the RP asked for them. */
type Step = 'message' | 'pin' | 'busy';

function firstStep(view: TransactionView): Step {
  const type = view.interaction.type;
  return type === 'displayTextAndPIN' ? 'pin' : 'message';
}

function refusalScreen(step: Step, view: TransactionView): RefuseRequest['screen'] {
  if (step !== 'message') return 'DISPLAYTEXT_AND_PIN';
  return view.verificationCodeChoice !== null ? 'VERIFICATION_CODE_CHOICE' : 'CONFIRMATIONMESSAGE';
}

/**
 * One transaction: who asks, what for, the verification code (or the choice of three), then the PIN. A wrong
 * PIN can be tried again while attempts are left; cancel refuses on the screen it is pressed on; the request
 * ends by itself when it expires.
 */
export function TransactionScreen({
  context,
  view,
  userChallengeVerifier,
  onEnd,
}: {
  context: DeviceContext;
  view: TransactionView;
  userChallengeVerifier?: string;
  onEnd: (outcome: TransactionOutcome) => void;
}) {
  const [step, setStep] = useState<Step>(firstStep(view));
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const purpose = view.keyPurpose;

  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= Date.parse(view.expiresAt)) onEnd({ kind: 'EXPIRED' });
    }, 1000);
    return () => clearInterval(timer);
  }, [view.expiresAt]);

  const failed = (error: unknown) => {
    const code = problemCodeOf(error);
    if (code === 'SESSION_NOT_OPEN' || code === 'TRANSACTION_NOT_FOUND') return onEnd({ kind: 'GONE' });
    setNotice(describeError(error));
    setStep((s) => (s === 'busy' ? 'pin' : s));
  };

  const cancel = () => {
    const screen = refusalScreen(step, view);
    setStep('busy');
    refuseTransaction(context, view.transactionId, screen).then(() => onEnd({ kind: 'REFUSED' }), failed);
  };

  const choose = (code: string) => {
    setStep('busy');
    chooseVerificationCode(context, view.transactionId, code).then((chosen) => {
      if (chosen.result === 'WRONG_VC') onEnd({ kind: 'WRONG_VC' });
      else setStep('pin');
    }, failed);
  };

  const submit = (pin: string) => {
    setStep('busy');
    setNotice(null);
    confirmTransaction(context, {
      view,
      pin,
      ...(userChallengeVerifier === undefined ? {} : { userChallengeVerifier }),
    }).then((result) => {
      switch (result.result) {
        case 'OK':
          return onEnd({
            kind: 'OK',
            purpose,
            rpName: view.rpName,
            ...(result.callbackUrl === undefined ? {} : { callbackUrl: result.callbackUrl }),
          });
        case 'WRONG_PIN':
          if (result.lockedUntil !== undefined) {
            return onEnd({ kind: 'LOCKED', purpose, lockedUntil: result.lockedUntil });
          }
          setNotice(t.wrongPin(purpose, result.attemptsLeft));
          return setStep('pin');
        case 'LOCKED':
          return onEnd({
            kind: 'LOCKED',
            purpose,
            lockedUntil: result.permanent ? null : result.lockedUntil,
          });
        case 'CLONE_DETECTED':
          return onEnd({ kind: 'CLONE_DETECTED' });
        case 'EXPIRED':
          return onEnd({ kind: 'EXPIRED' });
      }
    }, failed);
  };

  const showCode = view.verificationCode !== null && view.verificationCodeChoice === null;
  const isMessage =
    view.interaction.type !== 'displayTextAndPIN' && view.interaction.type !== 'verificationCodeChoice';

  return (
    <Screen title={t.title[purpose]} name={`transaction-${step === 'busy' ? 'busy' : step}`}>
      <p class="rp-name">{t.from(view.rpName)}</p>
      <p class={isMessage ? 'message' : 'display-text'} data-testid="display-text">
        {view.interaction.displayText}
      </p>
      {showCode && (
        <div class="vc">
          <span class="vc-label">{t.code}</span>
          <span class="vc-value" data-testid="verification-code">
            {view.verificationCode}
          </span>
          <span class="note">{t.codeHint}</span>
        </div>
      )}
      <p class="note expiry">{t.expiresIn(formatTimeLeft(view.expiresAt, now))}</p>
      {notice !== null && (
        <p role="alert" class="problem">
          {notice}
        </p>
      )}
      {step === 'message' &&
        (view.verificationCodeChoice !== null ? (
          <fieldset class="code-choice">
            <legend>{t.chooseCode}</legend>
            {view.verificationCodeChoice.map((code) => (
              <button type="button" key={code} class="code" onClick={() => choose(code)}>
                {code}
              </button>
            ))}
          </fieldset>
        ) : (
          <button type="button" class="primary" onClick={() => setStep('pin')}>
            {t.confirm}
          </button>
        ))}
      {(step === 'pin' || step === 'busy') && (
        <PinPad
          label={t.enterPin(purpose)}
          minLength={purpose === 'authentication' ? 4 : 5}
          disabled={step === 'busy'}
          onSubmit={submit}
        />
      )}
      {step === 'busy' && (
        <p role="status" class="progress">
          {t.signing}
        </p>
      )}
      <button type="button" class="secondary" disabled={step === 'busy'} onClick={cancel}>
        {strings.cancel}
      </button>
    </Screen>
  );
}
