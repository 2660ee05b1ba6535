import type { TransactionView } from '@tessera/protocol';
import { DeviceError } from './device-error.js';

/** Checks the fields of a transaction the device relies on before it shows or signs anything. */
export function readTransactionView(value: unknown): TransactionView {
  const t = value as Partial<TransactionView> | null;
  if (
    typeof t?.transactionId !== 'string' ||
    typeof t.documentNumber !== 'string' ||
    (t.keyPurpose !== 'authentication' && t.keyPurpose !== 'signing') ||
    typeof t.rpName !== 'string' ||
    typeof t.interaction?.type !== 'string' ||
    typeof t.interaction.displayText !== 'string' ||
    typeof t.encodedMessage !== 'string' ||
    typeof t.signatureScheme !== 'object' ||
    typeof t.signedContent !== 'object' ||
    (t.verificationCodeChoice !== null && !Array.isArray(t.verificationCodeChoice))
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'A transaction in the answer is malformed.');
  }
  return t as TransactionView;
}
