import { CryptoError } from '../crypto-error.js';

/** The CryptoError code `f` throws, `undefined` if it returns, or a marker string for any other throw. */
export function errorCodeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof CryptoError ? error.code : `not a CryptoError: ${String(error)}`;
  }
  return undefined;
}
