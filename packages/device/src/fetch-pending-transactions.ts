import {
  APP_API_ENDPOINTS,
  type PendingTransactionsResponse,
  type TransactionOffer,
} from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import { loadVault } from './load-vault.js';
import { readTransactionView } from './read-transaction-view.js';
import { sendAppRequest } from './send-app-request.js';

function readOffer(value: unknown): TransactionOffer {
  const o = value as Partial<TransactionOffer> | null;
  if (
    typeof o?.transactionId !== 'string' ||
    (o.kind !== 'authentication' && o.kind !== 'signature' && o.kind !== 'certificateChoice') ||
    typeof o.rpName !== 'string' ||
    !Array.isArray(o.documentNumbers) ||
    typeof o.expiresAt !== 'string'
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'A transaction offer in the answer is malformed.');
  }
  return o as TransactionOffer;
}

/**
 * What waits for this device: notification offers to take and transactions it took. With `waitMs` the
 * server holds the request until something is pending or the time passes (a long poll; the push hook of the
 * app wakes the same request); with `seen` (the `digest` of the last answer) until what is pending differs
 * from that answer. The manual refresh of the app is this call without `waitMs`.
 */
export async function fetchPendingTransactions(
  context: DeviceContext,
  options: { waitMs?: number; seen?: string; signal?: AbortSignal } = {},
): Promise<PendingTransactionsResponse> {
  const data = await loadVault(context);
  const { method, path } = APP_API_ENDPOINTS.pendingTransactions;
  const params = new URLSearchParams();
  if (options.waitMs !== undefined) params.set('waitMs', String(Math.round(options.waitMs)));
  if (options.seen !== undefined) params.set('seen', options.seen);
  const query = params.size === 0 ? '' : `?${params}`;
  const body = (await sendAppRequest(context, data, {
    method,
    path: path + query,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })) as Partial<Record<keyof PendingTransactionsResponse, unknown>> | null;
  if (!Array.isArray(body?.offers) || !Array.isArray(body.transactions) || typeof body.digest !== 'string') {
    throw new DeviceError(
      'INVALID_RESPONSE',
      'The answer lacks the offers, the transactions or their digest.',
    );
  }
  return {
    offers: body.offers.map(readOffer),
    transactions: body.transactions.map(readTransactionView),
    digest: body.digest,
  };
}
