import type { KeyPurpose } from '@tessera/protocol';
import { DeviceError } from './device-error.js';

/** PIN1 (authentication) is 4–12 digits, PIN2 (signing) 5–12. Throws `INVALID_PIN_FORMAT`; never echoes the PIN. */
export function assertPin(pin: unknown, purpose: KeyPurpose): asserts pin is string {
  const pattern = purpose === 'authentication' ? /^[0-9]{4,12}$/ : /^[0-9]{5,12}$/;
  if (typeof pin !== 'string' || !pattern.test(pin)) {
    throw new DeviceError(
      'INVALID_PIN_FORMAT',
      purpose === 'authentication' ? 'PIN1 must be 4 to 12 digits.' : 'PIN2 must be 5 to 12 digits.',
    );
  }
}
