import { createHash } from 'node:crypto';
import type { PendingTransactions } from '@tessera/protocol';

/**
 * The `digest` of a pending-transactions answer: which offers (with the accounts that may take them) and which
 * taken transactions it holds. A device's long poll given it as `seen` is held while it stays the same, so a
 * device that leaves something pending unopened (a request on its paired watch, one it has ended) waits for a
 * change instead of being answered at once again and again.
 */
export function digestPending(pending: PendingTransactions): string {
  const offers = pending.offers.map((o) => `o:${o.transactionId}:${o.documentNumbers.join(',')}`);
  const taken = pending.transactions.map((t) => `t:${t.transactionId}`);
  const names = [...offers, ...taken].sort().join('\n');
  return createHash('sha256').update(names).digest('base64url').slice(0, 22);
}

/** The digest of an answer with nothing pending: what a poll without `seen` waits to differ from. */
export const NOTHING_PENDING = digestPending({ offers: [], transactions: [] });
