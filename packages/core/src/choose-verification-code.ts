import { CoreError } from './core-error.js';
import { type EndSessionDeps, endSession } from './end-session.js';
import type { AccountStore } from './ports.js';
import type { RpSession } from './rp-session.js';

/**
 * The person chose one of the three verification codes (`confirmationMessageAndVerificationCodeChoice`): the
 * right one lets the PIN follow (`verificationCodeChosen`), a wrong one ends the session `WRONG_VC`. Only the
 * device that took the session, and only while a choice is pending: CoreError('SESSION_NOT_OPEN') otherwise.
 */
export async function chooseVerificationCode(
  deps: EndSessionDeps & { readonly accounts: AccountStore },
  input: { readonly sessionId: string; readonly deviceId: string; readonly verificationCode: string },
): Promise<RpSession> {
  const session = await deps.sessions.get(input.sessionId);
  const t = session?.transaction;
  const holder = t == null ? undefined : await deps.accounts.get(t.documentNumber);
  if (
    session === undefined ||
    session.state !== 'RUNNING' ||
    t == null ||
    t.verificationCodeChoice === null ||
    t.verificationCodeChosen ||
    holder?.deviceId !== input.deviceId
  ) {
    throw new CoreError('SESSION_NOT_OPEN', 'No code choice is waiting on this device.');
  }
  if (input.verificationCode !== session.verificationCode) {
    return endSession(deps, session.id, { endResult: 'WRONG_VC' });
  }
  return deps.sessions.update(
    session.id,
    (s) =>
      s.state === 'RUNNING' && s.transaction !== null
        ? { ...s, transaction: { ...s.transaction, verificationCodeChosen: true } }
        : undefined,
    session,
  );
}
