import { decodeBase64url } from '@tessera/crypto';
import { encodeBase64 } from '@tessera/pki';
import { buildSignatureAlgorithmParameters, type HashAlgorithm } from '@tessera/protocol';
import type { Account } from './account.js';
import type { SignatureOutcome } from './account-key.js';
import { type AttemptSignatureDeps, attemptSignature } from './attempt-signature.js';
import { CoreError } from './core-error.js';
import { endSession } from './end-session.js';
import type { SessionStore, SessionWaiter } from './ports.js';
import type { RpSession } from './rp-session.js';

/** What completing an authentication needs from the world. */
export interface CompleteTransactionDeps extends AttemptSignatureDeps {
  readonly sessions: SessionStore;
  readonly waiter: SessionWaiter;
}

/** The device's answer to an authentication transaction, opened from its sealed envelope. */
export interface CompleteTransactionInput {
  /** The session as read when the device's request arrived. */
  readonly session: RpSession;
  /** The account that holds the transaction (the session's `transaction.documentNumber`), as read with it. */
  readonly holder: Account;
  readonly partialSignature: Uint8Array;
  readonly presentedToken: Uint8Array;
  readonly requestBytes: Uint8Array;
  /** Where the device's answer came from: reported to an RP that asked for it (and may, checked at creation). */
  readonly deviceIpAddress?: string;
}

/**
 * The server's half of a transaction: one signing attempt with the transaction's key (authentication or signing)
 * over its EM. On OK the session completes with the spec's result (ACSP_V2 with serverRandom and userChallenge,
 * or RAW_DIGEST_SIGNATURE; flowType, algorithm parameters, certificate, interaction used) and its pollers wake; any other
 * outcome (wrong PIN, lock, clone) goes back to the device; the session keeps running (another try, or the
 * timeout), except when the key can never sign again (locked for good, a clone): then it ends ACCOUNT_UNUSABLE.
 */
export async function completeTransaction(
  deps: CompleteTransactionDeps,
  input: CompleteTransactionInput,
): Promise<SignatureOutcome> {
  const { session, holder } = input;
  const transaction = session.transaction;
  if (transaction === null || session.state !== 'RUNNING') {
    throw new CoreError('SESSION_NOT_OPEN', 'The session is not waiting for this device.');
  }
  if (transaction.verificationCodeChoice !== null && !transaction.verificationCodeChosen) {
    throw new CoreError(
      'VERIFICATION_CODE_NOT_CHOSEN',
      'The verification code must be chosen before the PIN.',
    );
  }
  // An account deleted (or expired) since the link was opened answers nothing, whatever the PIN.
  if (
    holder.documentNumber !== transaction.documentNumber ||
    holder.state !== 'active' ||
    deps.clock.now() >= holder.validTo
  ) {
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account can no longer answer this session.');
  }
  const { outcome, certificate } = await attemptSignature(deps, {
    keyId: transaction.keyId,
    transactionId: session.id,
    encodedMessage: decodeBase64url(transaction.encodedMessage),
    partialSignature: input.partialSignature,
    presentedToken: input.presentedToken,
    requestBytes: input.requestBytes,
  });
  // A key that can never sign again ends the session at once: the RP need not wait for the timeout.
  const unusable =
    outcome.outcome === 'CLONE_DETECTED' ||
    ((outcome.outcome === 'LOCKED' || outcome.outcome === 'WRONG_PIN') && outcome.permanent);
  if (unusable) await endSession(deps, session.id, { endResult: 'ACCOUNT_UNUSABLE' });
  if (outcome.outcome !== 'OK') return outcome;

  if (certificate === null) {
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account lost its certificate during the session.');
  }
  const pss = transaction.signatureAlgorithm === 'rsassa-pss';
  const requestProperties = (session.request as { requestProperties?: { shareMdClientIpAddress?: boolean } })
    .requestProperties;
  const shareIp = requestProperties?.shareMdClientIpAddress === true;
  // ACSP_V2 (authentication) adds serverRandom and userChallenge; RAW_DIGEST_SIGNATURE is the signature alone.
  const acsp = transaction.serverRandom !== null;
  const response = {
    signatureProtocol: acsp ? 'ACSP_V2' : 'RAW_DIGEST_SIGNATURE',
    signature: {
      value: encodeBase64(outcome.signature),
      ...(acsp ? { serverRandom: transaction.serverRandom, userChallenge: transaction.userChallenge } : {}),
      flowType: transaction.flowType,
      signatureAlgorithm: transaction.signatureAlgorithm,
      ...(pss
        ? {
            signatureAlgorithmParameters: buildSignatureAlgorithmParameters(
              transaction.hashAlgorithm as HashAlgorithm,
            ),
          }
        : {}),
    },
    cert: { value: encodeBase64(certificate.der), certificateLevel: holder.level },
    interactionTypeUsed: transaction.interactionTypeUsed,
    ...(shareIp && input.deviceIpAddress !== undefined ? { deviceIpAddress: input.deviceIpAddress } : {}),
  };
  const now = deps.clock.now();
  await deps.sessions.update(
    session.id,
    (s) =>
      s.state === 'RUNNING'
        ? {
            ...s,
            state: 'COMPLETE',
            result: { endResult: 'OK', documentNumber: holder.documentNumber, response },
            completedAt: now,
          }
        : undefined,
    session,
  );
  deps.waiter.notify(session.id);
  return outcome;
}
