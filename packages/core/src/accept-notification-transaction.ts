import type { FlowType } from '@tessera/protocol';
import {
  bindTransaction,
  type TakeTransactionDeps,
  type TakeTransactionInput,
  type TakeTransactionResult,
} from './bind-transaction.js';
import { CoreError } from './core-error.js';

/**
 * A device takes a notification session offered to its accounts (the person chose this device and account on
 * the device-choice screen): the session is bound to the account (`bindTransaction`) with flow
 * type `Notification`. CoreError('SESSION_NOT_FOUND') for an unknown session or one that is not a notification.
 */
export async function acceptNotificationTransaction(
  deps: TakeTransactionDeps,
  input: TakeTransactionInput & { readonly sessionId: string },
): Promise<TakeTransactionResult> {
  const session = await deps.sessions.get(input.sessionId);
  if (session === undefined || session.flow !== 'notification') {
    throw new CoreError('SESSION_NOT_FOUND', 'There is no such notification session.');
  }
  // A signature linked to a certificate choice continues its flow (QR, Web2App, App2App) on the same device.
  const linkedId = (session.request as { linkedSessionID?: string }).linkedSessionID;
  const linked = linkedId === undefined ? undefined : await deps.sessions.get(linkedId);
  const linkedFlow = (linked?.result?.response?.signature as { flowType?: FlowType } | undefined)?.flowType;
  return bindTransaction(deps, session, linkedFlow ?? 'Notification', input);
}
