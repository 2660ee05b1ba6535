import { type DeviceContext, enrolIdentity } from '@tessera/device';
import {
  parseSemanticsIdentifier,
  readDateOfBirthFromNationalCode,
  type SandboxIdentityDeclaration,
  type SemanticsIdentifier,
} from '@tessera/protocol';
import { useState } from 'preact/hooks';
import { strings } from '../strings.js';
import { PinPad } from '../ui/pin-pad.js';
import { Screen } from '../ui/screen.js';
import { checkPinChoice } from './check-pin-choice.js';
import { describeError } from './describe-error.js';

const COUNTRIES = ['EE', 'LV', 'LT', 'BE'] as const;
const t = strings.register;

function parseOrUndefined(text: string): SemanticsIdentifier | undefined {
  try {
    return parseSemanticsIdentifier(text);
  } catch {
    return undefined;
  }
}

type Step =
  | { name: 'identity' }
  | { name: 'pin'; purpose: 'authentication' | 'signing'; first?: string; problem?: string }
  | { name: 'generating' };

/**
 * Registration with the sandbox proofing method (SIMULATED: the person declares the identity; the server accepts
 * declared identities in the sandbox only): the identity, then PIN1 and PIN2, each chosen and confirmed and
 * checked against easy guesses, then the keys are made and enrolled. The PINs live only in this component's
 * state until the keys are masked with them.
 */
export function RegistrationScreen({
  context,
  onDone,
  onCancel,
}: {
  context: DeviceContext;
  onDone: (message: string) => void;
  onCancel: (() => void) | null;
}) {
  const [identity, setIdentity] = useState({
    country: 'EE' as (typeof COUNTRIES)[number],
    code: '',
    givenName: '',
    surname: '',
    dateOfBirth: '',
    level: 'QUALIFIED' as 'QUALIFIED' | 'ADVANCED',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ name: 'identity' });
  const [pin1, setPin1] = useState<string | null>(null);

  const parsed = parseOrUndefined(`PNO${identity.country}-${identity.code.trim().toUpperCase()}`);
  const codeDate = parsed === undefined ? null : readDateOfBirthFromNationalCode(parsed);
  const dateOfBirth = codeDate ?? (identity.dateOfBirth === '' ? null : identity.dateOfBirth);

  const declaration = (): SandboxIdentityDeclaration => ({
    semanticsIdentifier: `PNO${identity.country}-${identity.code.trim().toUpperCase()}`,
    givenName: identity.givenName.trim().toUpperCase(),
    surname: identity.surname.trim().toUpperCase(),
    dateOfBirth,
    country: identity.country,
    level: identity.level,
  });

  const submitIdentity = (e: Event) => {
    e.preventDefault();
    const missing = [
      [identity.code, t.nationalCode],
      [identity.givenName, t.givenName],
      [identity.surname, t.surname],
    ].find(([value]) => value!.trim() === '');
    if (missing !== undefined) return setProblem(t.missing(missing[1]!));
    if (parsed === undefined) return setProblem(t.badCode);
    if (dateOfBirth !== null && !(Date.parse(dateOfBirth) < Date.now())) return setProblem(t.badDate);
    setProblem(null);
    setStep({ name: 'pin', purpose: 'authentication' });
  };

  const enterPin = (pin: string) => {
    if (step.name !== 'pin') return;
    if (step.first === undefined) {
      const choice = checkPinChoice(pin, step.purpose, { dateOfBirth, ...(pin1 === null ? {} : { pin1 }) });
      if (choice !== null) return setStep({ ...step, problem: t.pinProblems[choice] });
      return setStep({ name: 'pin', purpose: step.purpose, first: pin });
    }
    if (pin !== step.first) return setStep({ name: 'pin', purpose: step.purpose, problem: t.pinsDiffer });
    if (step.purpose === 'authentication') {
      setPin1(pin);
      return setStep({ name: 'pin', purpose: 'signing' });
    }
    setStep({ name: 'generating' });
    enrolIdentity(context, { identity: declaration(), pin1: pin1!, pin2: pin }).then(
      () => {
        setPin1(null);
        onDone(t.done(declaration().givenName));
      },
      (error: unknown) => {
        setPin1(null);
        setProblem(describeError(error));
        setStep({ name: 'identity' });
      },
    );
  };

  if (step.name === 'generating') {
    return (
      <Screen title={t.title} name="registration-generating">
        <p role="status" class="progress">
          {t.generating}
        </p>
      </Screen>
    );
  }

  if (step.name === 'pin') {
    const confirming = step.first !== undefined;
    return (
      <Screen
        title={confirming ? t.confirmPin(step.purpose) : t.choosePin(step.purpose)}
        name={`registration-${step.purpose}-${confirming ? 'confirm' : 'choose'}`}
      >
        <p>{t.pinRule(step.purpose)}</p>
        <p class="note">{t.pinNeverStored}</p>
        {step.problem !== undefined && (
          <p role="alert" class="problem">
            {step.problem}
          </p>
        )}
        <PinPad
          key={`${step.purpose}-${confirming}-${step.problem ?? ''}`}
          label={confirming ? t.confirmPin(step.purpose) : t.choosePin(step.purpose)}
          minLength={step.purpose === 'authentication' ? 4 : 5}
          onSubmit={enterPin}
        />
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setPin1(null);
            setStep({ name: 'identity' });
          }}
        >
          {strings.back}
        </button>
      </Screen>
    );
  }

  const field = (key: 'code' | 'givenName' | 'surname', label: string, autoComplete: string) => (
    <label class="field">
      <span>{label}</span>
      <input
        name={key}
        value={identity[key]}
        autoComplete={autoComplete}
        required
        onInput={(e) => setIdentity({ ...identity, [key]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <Screen title={t.title} name="registration">
      <p class="note sandbox-note">{t.sandboxNote}</p>
      <form class="form" onSubmit={submitIdentity} noValidate>
        <label class="field">
          <span>{t.country}</span>
          <select
            name="country"
            value={identity.country}
            onChange={(e) =>
              setIdentity({ ...identity, country: e.currentTarget.value as (typeof COUNTRIES)[number] })
            }
          >
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        {field('code', t.nationalCode, 'off')}
        {field('givenName', t.givenName, 'given-name')}
        {field('surname', t.surname, 'family-name')}
        <label class="field">
          <span>{t.dateOfBirth}</span>
          <input
            name="dateOfBirth"
            type="date"
            value={codeDate ?? identity.dateOfBirth}
            disabled={codeDate !== null}
            aria-describedby={codeDate === null ? undefined : 'dob-from-code'}
            onInput={(e) => setIdentity({ ...identity, dateOfBirth: e.currentTarget.value })}
          />
          {codeDate !== null && (
            <small id="dob-from-code" class="note">
              {t.dateOfBirthFromCode}
            </small>
          )}
        </label>
        <label class="field">
          <span>{t.level}</span>
          <select
            name="level"
            aria-describedby="level-hint"
            value={identity.level}
            onChange={(e) =>
              setIdentity({ ...identity, level: e.currentTarget.value as 'QUALIFIED' | 'ADVANCED' })
            }
          >
            <option value="QUALIFIED">{t.levels.QUALIFIED}</option>
            <option value="ADVANCED">{t.levels.ADVANCED}</option>
          </select>
          <small id="level-hint" class="note">
            {t.levelHint}
          </small>
        </label>
        {problem !== null && (
          <p role="alert" class="problem">
            {problem}
          </p>
        )}
        <button type="submit" class="primary">
          {strings.next}
        </button>
        {onCancel !== null && (
          <button type="button" class="secondary" onClick={onCancel}>
            {strings.cancel}
          </button>
        )}
      </form>
    </Screen>
  );
}
