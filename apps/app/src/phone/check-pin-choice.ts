import type { KeyPurpose } from '@tessera/protocol';

/** Why a chosen PIN is refused; `null` when it is acceptable. */
export type PinChoiceProblem = 'FORMAT' | 'REPEATED' | 'SEQUENTIAL' | 'BIRTH_DATE' | 'SAME_AS_PIN1';

/** The birth-date spellings a PIN must not be or contain: DDMM, MMDD, YYYY and the 6- and 8-digit dates. */
function birthDateForms(dateOfBirth: string): string[] {
  const [yyyy, mm, dd] = dateOfBirth.split('-') as [string, string, string];
  const yy = yyyy.slice(2);
  return [
    dd + mm,
    mm + dd,
    yyyy,
    dd + mm + yy,
    yy + mm + dd,
    mm + dd + yy,
    dd + mm + yyyy,
    yyyy + mm + dd,
    mm + dd + yyyy,
  ];
}

function isRepeated(pin: string): boolean {
  // The whole PIN is one block repeated: 1111, 1212, 123123, 12341234.
  for (let period = 1; period <= pin.length / 2; period++) {
    if (pin.length % period === 0 && pin === pin.slice(0, period).repeat(pin.length / period)) return true;
  }
  return false;
}

function isSequential(pin: string): boolean {
  // Every digit one more (or one less) than the one before, wrapping 9 → 0: 1234, 7890, 9876, 3210.
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/**
 * Checks a PIN the person chooses at registration: PIN1 4–12 digits, PIN2 5–12, neither one digit or block
 * repeated, nor a run of consecutive digits, nor the person's birth date, and PIN2 not PIN1. The PIN is only
 * looked at here; it is never stored or sent.
 */
export function checkPinChoice(
  pin: string,
  purpose: KeyPurpose,
  context: { dateOfBirth: string | null; pin1?: string },
): PinChoiceProblem | null {
  const format = purpose === 'authentication' ? /^[0-9]{4,12}$/ : /^[0-9]{5,12}$/;
  if (!format.test(pin)) return 'FORMAT';
  if (isRepeated(pin)) return 'REPEATED';
  if (isSequential(pin)) return 'SEQUENTIAL';
  if (context.dateOfBirth !== null) {
    const forms = birthDateForms(context.dateOfBirth);
    if (forms.some((form) => pin === form || (form.length >= 6 && pin.includes(form)))) return 'BIRTH_DATE';
  }
  if (purpose === 'signing' && context.pin1 !== undefined && pin === context.pin1) return 'SAME_AS_PIN1';
  return null;
}
