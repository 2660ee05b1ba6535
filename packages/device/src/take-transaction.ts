import {
  APP_API_ENDPOINTS,
  computeUserChallenge,
  generateUserChallengeVerifier,
  type InteractionTypeName,
  type TakeTransactionRequest,
  type TransactionView,
} from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import { fetchPendingTransactions } from './fetch-pending-transactions.js';
import { loadVault } from './load-vault.js';
import { readTransactionView } from './read-transaction-view.js';
import { sendAppRequest } from './send-app-request.js';
import { SUPPORTED_INTERACTIONS } from './supported-interactions.js';

/**
 * A transaction the device took: what to show and sign, or null when the RP asked only for interactions this
 * app lacks (the session has ended `REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP`). `userChallengeVerifier` is
 * the secret whose hash the server signs as `userChallenge`; it leaves the device only in a Web2App/App2App
 * callback URL, once the transaction is confirmed.
 */
export interface TakenTransaction {
  view: TransactionView | null;
  userChallengeVerifier: string;
  /** A certificate choice: taking it gave the RP this account's signing certificate; nothing to sign. */
  certificateChosen: boolean;
}

/** How to take a transaction: with which account, and which interactions to offer (default: all three). */
export interface TakeTransactionOptions {
  /** Needed when the device holds several accounts. */
  documentNumber?: string;
  supportedInteractions?: readonly InteractionTypeName[];
}

function pickAccount(accounts: readonly string[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    if (!accounts.includes(wanted)) {
      throw new DeviceError('NOT_ENROLLED', `This device holds no account ${wanted} for this transaction.`);
    }
    return wanted;
  }
  if (accounts.length === 1) return accounts[0] as string;
  throw new DeviceError(
    accounts.length === 0 ? 'NOT_ENROLLED' : 'ACCOUNT_CHOICE_NEEDED',
    accounts.length === 0
      ? 'This device holds no account for this transaction.'
      : `Choose the account: ${accounts.join(', ')}.`,
  );
}

/**
 * Takes a transaction for one of the device's accounts: opens a device link (`target.deviceLink`) or
 * accepts a notification offer (`target.transactionId`, with the accounts the offer named). Generates the
 * user challenge verifier and sends only its hash.
 */
export async function takeTransaction(
  context: DeviceContext,
  target: { deviceLink: string } | { transactionId: string; documentNumbers: readonly string[] },
  options: TakeTransactionOptions = {},
): Promise<TakenTransaction> {
  const data = await loadVault(context);
  const mine = data.accounts.map((a) => a.documentNumber);
  const documentNumber = pickAccount(
    'deviceLink' in target ? mine : target.documentNumbers.filter((d) => mine.includes(d)),
    options.documentNumber,
  );
  const userChallengeVerifier = generateUserChallengeVerifier(context.random);
  const taking: TakeTransactionRequest = {
    documentNumber,
    userChallenge: computeUserChallenge(userChallengeVerifier),
    supportedInteractions: [...(options.supportedInteractions ?? SUPPORTED_INTERACTIONS)],
  };
  const request =
    'deviceLink' in target
      ? {
          ...APP_API_ENDPOINTS.openDeviceLink,
          body: JSON.stringify({ deviceLink: target.deviceLink, ...taking }),
        }
      : {
          method: APP_API_ENDPOINTS.acceptTransaction.method,
          path: APP_API_ENDPOINTS.acceptTransaction.path.replace(
            '{transactionId}',
            encodeURIComponent(target.transactionId),
          ),
          body: JSON.stringify(taking),
        };
  let answer: { transaction?: unknown; certificateChosen?: unknown } | null;
  try {
    answer = (await sendAppRequest(context, data, request)) as typeof answer;
  } catch (error) {
    // Two parts of one app may take the same offer (the phone's screen and the watch it serves): the second
    // gets the transaction as this device already holds it. A notification flow has no callback, so the
    // verifier of the first take is not needed.
    if (
      !('deviceLink' in target) &&
      error instanceof DeviceError &&
      error.problemCode === 'SESSION_NOT_OPEN'
    ) {
      const held = (await fetchPendingTransactions(context)).transactions.find(
        (t) => t.transactionId === target.transactionId,
      );
      if (held !== undefined) return { view: held, userChallengeVerifier, certificateChosen: false };
    }
    throw error;
  }
  if (answer === null || !('transaction' in answer)) {
    throw new DeviceError('INVALID_RESPONSE', 'The answer lacks the transaction.');
  }
  const view = answer.transaction === null ? null : readTransactionView(answer.transaction);
  return { view, userChallengeVerifier, certificateChosen: answer.certificateChosen === true };
}
