import {
  bitLength,
  encodeBase64url,
  encodeMessage,
  getHashAlgorithm,
  hashMessage,
  type RandomSource,
} from '@tessera/crypto';
import { encodeBase64 } from '@tessera/pki';
import {
  buildAcspV2Payload,
  decodeRawDigest,
  type FlowType,
  generateServerRandom,
  generateVerificationCodeChoice,
  type InteractionType,
  selectInteraction,
  type V2Interaction,
  type V2InteractionType,
} from '@tessera/protocol';
import { CoreError } from './core-error.js';
import { endSession } from './end-session.js';
import type {
  AccountKeyStore,
  AccountStore,
  Clock,
  DeviceStore,
  SessionStore,
  SessionWaiter,
} from './ports.js';
import { readSessionRequest } from './read-session-request.js';
import type { RpSession, SessionTransaction } from './rp-session.js';

/** What taking a transaction needs from the world. */
export interface TakeTransactionDeps {
  readonly sessions: SessionStore;
  /** A device waiting for a linked signature (`Device.awaitingLinkedSignature`) takes nothing else. */
  readonly devices: DeviceStore;
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** `smart-id-demo` in the sandbox, the deployment's own otherwise: authCode and ACSP_V2 use it. */
  readonly schemeName: string;
}

/** How a device takes a transaction: its account, its challenge, what it can show. */
export interface TakeTransactionInput {
  readonly deviceId: string;
  readonly documentNumber: string;
  /** `BASE64URL(SHA-256(userChallengeVerifier))`; the verifier itself only ever reaches the RP, by callback. */
  readonly userChallenge: string;
  readonly supportedInteractions: readonly V2InteractionType[];
}

/** What the device shows and signs; it rebuilds the payload from these fields and checks EM against it. */
export type TakeTransactionResult =
  | {
      readonly outcome: 'TRANSACTION';
      readonly sessionId: string;
      /** The session as saved with its transaction. */
      readonly session: RpSession;
      readonly relyingPartyName: string;
      readonly interaction: V2Interaction;
      readonly transaction: SessionTransaction;
    }
  | { readonly outcome: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' }
  /** A certificate-choice session: the person chose this account; the RP has its signing certificate. */
  | { readonly outcome: 'CERTIFICATE_CHOSEN'; readonly sessionId: string };

/**
 * How long the app stays on a device-link certificate choice waiting for its linked signature, which the RP sends
 * "immediately" (spec §5.2; the spec gives no figure). Until then the device takes nothing else.
 */
export const LINKED_SIGNATURE_WAIT_MS = 30_000;

/**
 * While the device waits for the signature linked to its certificate choice, that signature ends the wait and
 * any other session ends `EXPECTED_LINKED_SESSION` at once (CoreError('EXPECTED_LINKED_SESSION') to the device).
 */
async function checkLinkedSignatureAwaited(
  deps: TakeTransactionDeps,
  session: RpSession,
  deviceId: string,
  now: number,
): Promise<void> {
  const awaited = (await deps.devices.get(deviceId))?.awaitingLinkedSignature;
  if (awaited == null || now >= awaited.until) return;
  if ((session.request as { linkedSessionID?: string }).linkedSessionID === awaited.certificateChoiceId) {
    await deps.devices.update(deviceId, (d) => ({ ...d, awaitingLinkedSignature: null }));
    return;
  }
  await endSession(deps, session.id, { endResult: 'EXPECTED_LINKED_SESSION' });
  throw new CoreError(
    'EXPECTED_LINKED_SESSION',
    'The device waits for the signature linked to its certificate choice: this session ended.',
  );
}

/**
 * Binds a RUNNING, untaken session to one account of the device (spec §4–§5): the account must
 * be the device's, active, unexpired, of the level the RP asked for and, for a targeted session, one of its
 * targets (CoreError('ACCOUNT_NOT_USABLE') otherwise). The first requested interaction the app supports is
 * used (none: the session ends `REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP`); serverRandom is drawn; the
 * ACSP_V2 payload and its EM are built with the account's authentication key (a signature session: the EM of
 * the RP's digest with the signing key); with
 * `confirmationMessageAndVerificationCodeChoice` three codes are offered. A certificate-choice session completes
 * at once with the account's signing certificate; after one by device link the device waits for the signature
 * linked to it (spec §5.2): until that arrives, or `LINKED_SIGNATURE_WAIT_MS` passes, any other session it takes
 * ends `EXPECTED_LINKED_SESSION` (CoreError('EXPECTED_LINKED_SESSION')). Only one device wins the session.
 */
export async function bindTransaction(
  deps: TakeTransactionDeps,
  session: RpSession,
  flowType: FlowType,
  input: TakeTransactionInput,
): Promise<TakeTransactionResult> {
  const now = deps.clock.now();
  if (session.state !== 'RUNNING' || session.transaction !== null || now >= session.expiresAt) {
    throw new CoreError('SESSION_NOT_OPEN', 'The session is over or already taken.');
  }
  await checkLinkedSignatureAwaited(deps, session, input.deviceId, now);
  const request = session.request as { certificateLevel?: string; interactions?: string };
  const signing = session.kind === 'signature';
  const account = await deps.accounts.get(input.documentNumber);
  const levelOk = request.certificateLevel === 'ADVANCED' || account?.level === 'QUALIFIED';
  const targeted = session.target === null || session.target.documentNumbers.includes(input.documentNumber);
  if (
    account === undefined ||
    account.deviceId !== input.deviceId ||
    account.state !== 'active' ||
    now >= account.validTo ||
    !levelOk ||
    !targeted
  ) {
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account cannot answer this session.');
  }
  const key = await deps.keys.get(
    signing || session.kind === 'certificateChoice' ? account.signingKeyId : account.authenticationKeyId,
  );
  if (key?.certificate == null)
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account has no certificate for this key.');
  if (session.kind === 'certificateChoice') {
    // Choosing the account is the whole answer: the RP gets its signing certificate (spec §5.2).
    const response = {
      signature: { flowType },
      cert: { value: encodeBase64(key.certificate.der), certificateLevel: account.level },
    };
    const saved = await deps.sessions.update(
      session.id,
      (s) =>
        s.state === 'RUNNING' && s.transaction === null
          ? {
              ...s,
              state: 'COMPLETE',
              result: { endResult: 'OK', documentNumber: account.documentNumber, response },
              completedAt: now,
            }
          : undefined,
      session,
    );
    if (saved.result?.documentNumber !== account.documentNumber) {
      throw new CoreError('SESSION_NOT_OPEN', 'The session is over or already taken.');
    }
    deps.waiter.notify(session.id);
    if (session.flow === 'device-link') {
      await deps.devices.update(input.deviceId, (d) => ({
        ...d,
        awaitingLinkedSignature: { certificateChoiceId: session.id, until: now + LINKED_SIGNATURE_WAIT_MS },
      }));
    }
    return { outcome: 'CERTIFICATE_CHOSEN', sessionId: session.id };
  }

  const asked = readSessionRequest(session);
  const selection = selectInteraction(asked.interactions, input.supportedInteractions);
  if (!selection.supported) {
    await deps.sessions.update(
      session.id,
      (s) =>
        s.state === 'RUNNING' && s.transaction === null
          ? { ...s, state: 'COMPLETE', result: { endResult: selection.endResult }, completedAt: now }
          : undefined,
      session,
    );
    deps.waiter.notify(session.id);
    return { outcome: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' };
  }

  const scheme = { encoding: asked.encoding, hashAlgorithm: asked.hashAlgorithm };
  // ACSP_V2 authentication signs the payload the server and device both build; the rest sign the RP's digest.
  let digest: Uint8Array;
  let serverRandom: string | null = null;
  if (asked.rpChallenge === null) {
    digest = decodeRawDigest(asked.digest ?? '', scheme.hashAlgorithm);
  } else {
    serverRandom = generateServerRandom(deps.random);
    const payload = buildAcspV2Payload({
      schemeName: deps.schemeName,
      serverRandom,
      rpChallenge: asked.rpChallenge,
      userChallenge: input.userChallenge,
      relyingPartyName: session.relyingPartyName,
      brokeredRpName: session.brokeredRpName ?? undefined,
      interactions: request.interactions ?? '',
      interactionTypeUsed: selection.interaction.type as InteractionType,
      initialCallbackUrl: asked.initialCallbackUrl,
      flowType,
    });
    digest = hashMessage(scheme.hashAlgorithm, payload);
  }
  const encodedMessage = encodeMessage({
    encoding: scheme.encoding,
    algorithm: scheme.hashAlgorithm,
    digest,
    modulusBits: bitLength(key.modulus),
    ...(scheme.encoding === 'pss'
      ? { salt: deps.random(getHashAlgorithm(scheme.hashAlgorithm).outputLength) }
      : {}),
  });
  // Three codes to choose from: v3's confirmation with code choice, v2's code choice.
  const withChoice =
    (selection.interaction.type === 'confirmationMessageAndVerificationCodeChoice' ||
      selection.interaction.type === 'verificationCodeChoice') &&
    session.verificationCode !== null;
  const transaction: SessionTransaction = {
    documentNumber: account.documentNumber,
    keyId: key.id,
    flowType,
    interactionTypeUsed: selection.interaction.type,
    serverRandom,
    userChallenge: serverRandom === null ? null : input.userChallenge,
    signatureAlgorithm: asked.signatureAlgorithm,
    hashAlgorithm: scheme.hashAlgorithm,
    encodedMessage: encodeBase64url(encodedMessage),
    verificationCodeChoice: withChoice
      ? [...generateVerificationCodeChoice(session.verificationCode as string, deps.random)]
      : null,
    verificationCodeChosen: false,
  };
  const saved = await deps.sessions.update(
    session.id,
    (s) => (s.state === 'RUNNING' && s.transaction === null ? { ...s, transaction } : undefined),
    session,
  );
  if (saved.transaction?.encodedMessage !== transaction.encodedMessage) {
    throw new CoreError('SESSION_NOT_OPEN', 'Another device took the session first.');
  }
  return {
    outcome: 'TRANSACTION',
    sessionId: session.id,
    session: saved,
    relyingPartyName: session.relyingPartyName,
    interaction: selection.interaction,
    transaction,
  };
}
