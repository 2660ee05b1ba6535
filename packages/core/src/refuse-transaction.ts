import type { RefuseRequest, V2InteractionType } from '@tessera/protocol';
import { CoreError } from './core-error.js';
import { type EndSessionDeps, endSession } from './end-session.js';
import type { AccountStore } from './ports.js';
import type { RpSession, SessionEnd } from './rp-session.js';

/** What a refusal needs from the world. */
export interface RefuseTransactionDeps extends EndSessionDeps {
  readonly accounts: AccountStore;
}

/** The device's refusal of the transaction of a session it took. */
export interface RefuseTransactionInput {
  readonly deviceId: string;
  /** The session the transaction belongs to (its transaction id). */
  readonly sessionId: string;
  readonly screen: RefuseRequest['screen'];
}

/**
 * Which result a refusal on a screen gives (spec §3): on the screen of the interaction used,
 * `USER_REFUSED_INTERACTION` naming it (in v3 the code choice is part of
 * `confirmationMessageAndVerificationCodeChoice`; v2's own `verificationCodeChoice` is named only in v2 sessions);
 * on the PIN screen that follows an accepted confirmation message, `USER_REFUSED`. A screen the interaction
 * does not have is a broken contract.
 */
function toSessionEnd(
  screen: Exclude<RefuseRequest['screen'], 'DEVICE_CHOICE'>,
  used: V2InteractionType,
): SessionEnd {
  const refusedOn = (interaction: V2InteractionType): SessionEnd => ({
    endResult: 'USER_REFUSED_INTERACTION',
    details: { interaction },
  });
  switch (screen) {
    case 'DISPLAYTEXT_AND_PIN':
      return used === 'displayTextAndPIN' ? refusedOn(used) : { endResult: 'USER_REFUSED' };
    case 'CONFIRMATIONMESSAGE':
      if (used === 'confirmationMessage' || used === 'confirmationMessageAndVerificationCodeChoice') {
        return refusedOn(used);
      }
      break;
    case 'VERIFICATION_CODE_CHOICE':
      if (used === 'confirmationMessageAndVerificationCodeChoice' || used === 'verificationCodeChoice') {
        return refusedOn(used);
      }
      break;
  }
  throw new CoreError('INVALID_ARGUMENT', `The interaction ${used} has no ${screen} screen.`);
}

/**
 * The person refused the transaction on the device that took the session: the session ends with the result
 * the screen gives (see `toSessionEnd`) and its long-polls wake. On the device-choice screen (a targeted
 * session offered to several accounts, not taken yet) the result is `USER_REFUSED_CERT_CHOICE`. A session that is not waiting for this
 * device is CoreError('SESSION_NOT_OPEN'). Returns the session as saved (TIMEOUT if the refusal came late).
 */
export async function refuseTransaction(
  deps: RefuseTransactionDeps,
  input: RefuseTransactionInput,
): Promise<RpSession> {
  const session = await deps.sessions.get(input.sessionId);
  if (input.screen === 'DEVICE_CHOICE') {
    // Before any device took a targeted session: a device holding one of its accounts declines it.
    const mine = new Set((await deps.accounts.listByDevice(input.deviceId)).map((a) => a.documentNumber));
    if (
      session === undefined ||
      session.state !== 'RUNNING' ||
      session.transaction !== null ||
      !(session.target?.documentNumbers ?? []).some((d) => mine.has(d))
    ) {
      throw new CoreError('SESSION_NOT_OPEN', 'The session is not offered to this device.');
    }
    return endSession(deps, session.id, { endResult: 'USER_REFUSED_CERT_CHOICE' });
  }
  const transaction = session?.transaction;
  const account = transaction == null ? undefined : await deps.accounts.get(transaction.documentNumber);
  if (
    session === undefined ||
    transaction == null ||
    session.state !== 'RUNNING' ||
    account?.deviceId !== input.deviceId
  ) {
    throw new CoreError('SESSION_NOT_OPEN', 'The session is not waiting for this device.');
  }
  const end = toSessionEnd(input.screen, transaction.interactionTypeUsed as V2InteractionType);
  return endSession(deps, session.id, end);
}
