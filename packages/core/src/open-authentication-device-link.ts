import {
  bitLength,
  encodeBase64url,
  encodeMessage,
  getHashAlgorithm,
  hashMessage,
  type RandomSource,
} from '@tessera/crypto';
import {
  buildAcspV2Payload,
  DEFAULT_QR_FRESHNESS,
  type DeviceLinkAuthenticationRequest,
  decodeInteractions,
  generateServerRandom,
  type Interaction,
  type InteractionType,
  parseDeviceLink,
  resolveSignatureScheme,
  selectInteraction,
  verifyDeviceLink,
} from '@tessera/protocol';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AccountStore, Clock, SessionStore, SessionWaiter } from './ports.js';
import type { AuthenticationTransaction } from './rp-session.js';

/** What opening a device link needs from the world. */
export interface OpenDeviceLinkDeps {
  readonly sessions: SessionStore;
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** `smart-id-demo` in the sandbox, the deployment's own otherwise: authCode and ACSP_V2 use it. */
  readonly schemeName: string;
  readonly deviceLinkBase: string;
}

/** What the device presents: the link it scanned or was opened with, its account, and its challenge. */
export interface OpenDeviceLinkInput {
  readonly link: string;
  readonly documentNumber: string;
  /** `BASE64URL(SHA-256(userChallengeVerifier))`; the verifier itself only ever reaches the RP, by callback. */
  readonly userChallenge: string;
  readonly supportedInteractions: readonly InteractionType[];
}

/** What the device shows and signs; it rebuilds the payload from these fields and checks EM against it. */
export type OpenDeviceLinkResult =
  | {
      readonly outcome: 'TRANSACTION';
      readonly sessionId: string;
      readonly relyingPartyName: string;
      readonly interaction: Interaction;
      readonly rpChallenge: string;
      readonly interactions: string;
      readonly initialCallbackUrl?: string;
      readonly transaction: AuthenticationTransaction;
    }
  | { readonly outcome: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' };

/**
 * A device opens a device link of an authentication session (spec §4.3): the link must verify (canonical form,
 * token, authCode, QR freshness: ProtocolError otherwise) and the account must be active and of the level the
 * RP asked for. The server then picks the first interaction the app supports, draws serverRandom, builds the
 * ACSP_V2 payload and its EM with the account's authentication key, and binds the session to the account.
 */
export async function openAuthenticationDeviceLink(
  deps: OpenDeviceLinkDeps,
  input: OpenDeviceLinkInput,
): Promise<OpenDeviceLinkResult> {
  const token = parseDeviceLink(input.link).sessionToken;
  const session = await deps.sessions.findByToken(token);
  if (session === undefined) throw new CoreError('SESSION_NOT_FOUND', 'The link names no session.');
  const now = deps.clock.now();
  if (
    session.kind !== 'authentication' ||
    session.state !== 'RUNNING' ||
    session.transaction !== null ||
    now >= session.expiresAt
  ) {
    throw new CoreError('SESSION_NOT_OPEN', 'The session is over or already taken.');
  }
  const request = session.request as unknown as DeviceLinkAuthenticationRequest;
  const { rpChallenge, signatureAlgorithm, signatureAlgorithmParameters } =
    request.signatureProtocolParameters;
  const link = verifyDeviceLink(input.link, {
    deviceLinkBase: deps.deviceLinkBase,
    sessionToken: session.sessionToken,
    sessionSecret: session.sessionSecret,
    context: {
      sessionType: 'auth',
      schemeName: deps.schemeName,
      relyingPartyName: session.relyingPartyName,
      rpChallenge,
      interactions: request.interactions,
      initialCallbackUrl: request.initialCallbackUrl,
    },
    responseSentAt: session.createdAt,
    now,
    qrFreshness: DEFAULT_QR_FRESHNESS,
  });

  const account = await deps.accounts.get(input.documentNumber);
  const levelOk = request.certificateLevel === 'ADVANCED' || account?.level === 'QUALIFIED';
  if (account === undefined || account.state !== 'active' || now >= account.validTo || !levelOk) {
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account cannot answer this session.');
  }
  const key = await deps.keys.get(account.authenticationKeyId);
  if (key?.certificate == null)
    throw new CoreError('ACCOUNT_NOT_USABLE', 'The account has no authentication certificate.');

  const selection = selectInteraction(
    decodeInteractions(request.interactions, 'deviceLink'),
    input.supportedInteractions,
  );
  if (!selection.supported) {
    await deps.sessions.update(session.id, (s) =>
      s.state === 'RUNNING'
        ? { ...s, state: 'COMPLETE', result: { endResult: selection.endResult }, completedAt: now }
        : undefined,
    );
    deps.waiter.notify(session.id);
    return { outcome: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' };
  }

  const scheme = resolveSignatureScheme(signatureAlgorithm, signatureAlgorithmParameters?.hashAlgorithm);
  const serverRandom = generateServerRandom(deps.random);
  const payload = buildAcspV2Payload({
    schemeName: deps.schemeName,
    serverRandom,
    rpChallenge,
    userChallenge: input.userChallenge,
    relyingPartyName: session.relyingPartyName,
    interactions: request.interactions,
    interactionTypeUsed: selection.interaction.type,
    initialCallbackUrl: request.initialCallbackUrl,
    flowType: link.deviceLinkType,
  });
  const digest = hashMessage(scheme.hashAlgorithm, payload);
  const encodedMessage = encodeMessage({
    encoding: scheme.encoding,
    algorithm: scheme.hashAlgorithm,
    digest,
    modulusBits: bitLength(key.modulus),
    ...(scheme.encoding === 'pss'
      ? { salt: deps.random(getHashAlgorithm(scheme.hashAlgorithm).outputLength) }
      : {}),
  });
  const transaction: AuthenticationTransaction = {
    documentNumber: account.documentNumber,
    keyId: key.id,
    flowType: link.deviceLinkType,
    interactionTypeUsed: selection.interaction.type,
    serverRandom,
    userChallenge: input.userChallenge,
    signatureAlgorithm,
    hashAlgorithm: scheme.hashAlgorithm,
    encodedMessage: encodeBase64url(encodedMessage),
  };
  await deps.sessions.update(session.id, (s) => (s.transaction === null ? { ...s, transaction } : undefined));
  const stored = await deps.sessions.get(session.id);
  if (stored?.transaction?.encodedMessage !== transaction.encodedMessage) {
    throw new CoreError('SESSION_NOT_OPEN', 'Another device took the session first.');
  }
  return {
    outcome: 'TRANSACTION',
    sessionId: session.id,
    relyingPartyName: session.relyingPartyName,
    interaction: selection.interaction,
    rpChallenge,
    interactions: request.interactions,
    ...(request.initialCallbackUrl === undefined ? {} : { initialCallbackUrl: request.initialCallbackUrl }),
    transaction,
  };
}
