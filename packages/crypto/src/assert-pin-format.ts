import { CryptoError } from './crypto-error.js';

/**
 * Checks only that a PIN is a non-empty string of ASCII digits; length rules belong to the app. Says nothing
 * about whether the PIN is right: nothing on the device can tell (rule 4). Throws
 * CryptoError('INVALID_PIN_FORMAT'); the message never contains the PIN.
 */
export function assertPinFormat(pin: unknown): asserts pin is string {
  if (typeof pin !== 'string' || !/^[0-9]+$/.test(pin)) {
    throw new CryptoError('INVALID_PIN_FORMAT', 'A PIN is a non-empty string of digits.');
  }
}
