import type { TransactionView } from '@tessera/protocol';
import { DeviceError } from './device-error.js';

/** Reads `{ transactions: TransactionView[] }`, checking the fields the device relies on. */
export function readTransactions(body: unknown): TransactionView[] {
  const list = (body as { transactions?: unknown } | null)?.transactions;
  if (!Array.isArray(list))
    throw new DeviceError('INVALID_RESPONSE', 'The answer lacks a transactions list.');
  for (const t of list as Partial<TransactionView>[]) {
    if (
      typeof t?.transactionId !== 'string' ||
      typeof t.accountId !== 'string' ||
      (t.keyPurpose !== 'authentication' && t.keyPurpose !== 'signing') ||
      typeof t.encodedMessage !== 'string' ||
      typeof t.signatureScheme !== 'object' ||
      typeof t.signedContent !== 'object'
    ) {
      throw new DeviceError('INVALID_RESPONSE', 'A transaction in the answer is malformed.');
    }
  }
  return list as TransactionView[];
}
