import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { strings } from '../strings.js';

/**
 * A PIN pad: ten digit keys, delete and OK, usable by touch, mouse and keyboard (digits, Backspace, Enter).
 * The PIN lives only in this component's state until `onSubmit`; it is shown as dots. The field takes the focus
 * when the pad appears and again when it is enabled after a submission (a wrong PIN is typed again at once).
 */
export function PinPad({
  label,
  minLength,
  maxLength = 12,
  disabled = false,
  onSubmit,
}: {
  label: string;
  minLength: number;
  maxLength?: number;
  disabled?: boolean;
  onSubmit: (pin: string) => void;
}) {
  const [pin, setPin] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (!disabled) field.current?.focus();
  }, [disabled]);

  const press = (digit: string) => setPin((p) => (p.length < maxLength ? p + digit : p));
  const submit = () => {
    if (pin.length < minLength || disabled) return;
    const entered = pin;
    setPin('');
    onSubmit(entered);
  };

  return (
    <form
      class="pin-pad"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="pin-label" for="pin">
        {label}
      </label>
      <input
        ref={field}
        data-autofocus
        id="pin"
        class="pin-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={maxLength}
        value={pin}
        disabled={disabled}
        aria-describedby="pin-count"
        onInput={(e) => setPin((e.currentTarget.value.match(/[0-9]/g) ?? []).join('').slice(0, maxLength))}
      />
      <p id="pin-count" class="visually-hidden" aria-live="polite">
        {strings.transaction.pinDigits(pin.length)}
      </p>
      <div class="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" key={d} class="pin-key" disabled={disabled} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button
          type="button"
          class="pin-key"
          aria-label={strings.transaction.deleteDigit}
          disabled={disabled}
          onClick={() => setPin((p) => p.slice(0, -1))}
        >
          ⌫
        </button>
        <button type="button" class="pin-key" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button type="submit" class="pin-key pin-ok" disabled={disabled || pin.length < minLength}>
          {strings.transaction.ok}
        </button>
      </div>
    </form>
  );
}
