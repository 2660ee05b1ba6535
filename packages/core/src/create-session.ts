import { encodeBase64url, hashMessage, type RandomSource } from '@tessera/crypto';
import {
  computeAuthenticationVerificationCode,
  computeV2VerificationCode,
  type DeviceLinkAuthenticationRequest,
  type DeviceLinkCertificateChoiceRequest,
  type DeviceLinkSignatureRequest,
  generateSessionId,
  generateSessionSecret,
  generateSessionToken,
  generateVerificationCode,
  type LinkedNotificationSignatureRequest,
  type NotificationAuthenticationRequest,
  type NotificationCertificateChoiceRequest,
  type NotificationSignatureRequest,
  parseDocumentNumber,
  parseSemanticsIdentifier,
  type V2AuthenticationRequest,
  type V2CertificateChoiceRequest,
  type V2SignatureRequest,
} from '@tessera/protocol';
import type { Account } from './account.js';
import { CoreError } from './core-error.js';
import type { AccountStore, Clock, DeviceNotifier, SessionStore } from './ports.js';
import type { RelyingParty } from './relying-party.js';
import type { RpSession, SessionTarget } from './rp-session.js';

/** What creating a session needs from the world. */
export interface CreateSessionDeps {
  readonly sessions: SessionStore;
  readonly accounts: AccountStore;
  /** Tells the devices of a targeted session's accounts that something waits for them. */
  readonly notifier: DeviceNotifier;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** How long a session waits for the person before it ends with TIMEOUT. */
  readonly sessionTimeoutMs: number;
}

/** Whom the RP addresses: anyone who opens the link, a person (all their accounts), or one account. */
export type SessionAddressee =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'etsi'; readonly semanticsIdentifier: string }
  | { readonly kind: 'document'; readonly documentNumber: string };

/** A person or one account. */
export type TargetedAddressee = Exclude<SessionAddressee, { kind: 'anonymous' }>;

/**
 * One RP API v3 session request: authentication (endpoints 1–5) or signing (6–9). `ignoredProperties` is
 * `listIgnoredRequestProperties` of the body as received.
 */
export type SessionRequest = (
  | {
      readonly kind: 'authentication';
      readonly flow: 'device-link';
      readonly addressee: SessionAddressee;
      readonly request: DeviceLinkAuthenticationRequest;
    }
  | {
      readonly kind: 'authentication';
      readonly flow: 'notification';
      readonly addressee: TargetedAddressee;
      readonly request: NotificationAuthenticationRequest;
    }
  | {
      readonly kind: 'signature';
      readonly flow: 'device-link';
      readonly addressee: TargetedAddressee;
      readonly request: DeviceLinkSignatureRequest;
    }
  | {
      readonly kind: 'signature';
      readonly flow: 'notification';
      readonly addressee: TargetedAddressee;
      /** With `linkedSessionID`: the signature linked to a device-link certificate choice (endpoint 10). */
      readonly request: NotificationSignatureRequest | LinkedNotificationSignatureRequest;
    }
  | {
      readonly kind: 'certificateChoice';
      readonly flow: 'device-link';
      readonly addressee: { readonly kind: 'anonymous' };
      readonly request: DeviceLinkCertificateChoiceRequest;
    }
  | {
      readonly kind: 'certificateChoice';
      readonly flow: 'notification';
      readonly addressee: TargetedAddressee;
      readonly request: NotificationCertificateChoiceRequest;
    }
) & { readonly ignoredProperties?: readonly string[] };

/**
 * One legacy RP API v2 session request (spec §8): notification only, by identifier or document number; the RP's
 * own `hash` is signed (PKCS#1 v1.5) with the authentication or the signing key, and the RP computes the code.
 */
export type V2SessionRequest = (
  | { readonly kind: 'authentication'; readonly request: V2AuthenticationRequest }
  | { readonly kind: 'signature'; readonly request: V2SignatureRequest }
  | { readonly kind: 'certificateChoice'; readonly request: V2CertificateChoiceRequest }
) & {
  readonly rpApiVersion: 'v2';
  readonly flow: 'notification';
  readonly addressee: TargetedAddressee;
  readonly ignoredProperties?: readonly string[];
};

/**
 * The code a notification session's device shows: for authentication computed from rpChallenge (the RP computes
 * it too), for signing drawn by the server and returned to the RP (spec §5.1). Device links show none.
 */
function verificationCodeOf(session: SessionRequest | V2SessionRequest, random: RandomSource): string | null {
  if (session.flow !== 'notification' || session.kind === 'certificateChoice') return null;
  // v2: the RP computes it from its hash, for authentication and signing alike.
  if ('hash' in session.request) return computeV2VerificationCode(session.request.hash);
  // A signature linked to a certificate choice shows no code: the app is already in the foreground (§5.2).
  if ('linkedSessionID' in session.request) return null;
  return session.kind === 'authentication' && 'signatureProtocolParameters' in session.request
    ? computeAuthenticationVerificationCode(session.request.signatureProtocolParameters.rpChallenge)
    : generateVerificationCode(random);
}

/** A signature or certificate-choice request repeated within this time gets the same session (spec §1). */
export const IDEMPOTENCY_WINDOW_MS = 15_000;

/** Who asked what, as one hash: the RP, the kind, the flow, the addressee and the request as validated. */
function fingerprintOf(relyingPartyId: string, session: SessionRequest | V2SessionRequest): string {
  const { kind, flow, addressee, request } = session;
  const text = JSON.stringify([relyingPartyId, kind, flow, addressee, request]);
  return encodeBase64url(hashMessage('SHA-256', new TextEncoder().encode(text)));
}

/** How long after a certificate choice its linked signature may start (the spec gives none; "immediately"). */
export const LINKED_SESSION_WINDOW_MS = 5 * 60_000;

/**
 * A linked signature (endpoint 10) must follow a device-link certificate choice of the same RP that ended OK
 * for this very account, recently: CoreError('LINKED_SESSION_INVALID') otherwise.
 */
async function checkLinkedSession(
  sessions: SessionStore,
  relyingPartyId: string,
  linkedSessionId: string,
  addressee: SessionAddressee,
  now: number,
): Promise<void> {
  const linked = await sessions.get(linkedSessionId);
  if (
    linked === undefined ||
    linked.kind !== 'certificateChoice' ||
    linked.flow !== 'device-link' ||
    linked.relyingPartyId !== relyingPartyId ||
    linked.result?.endResult !== 'OK' ||
    addressee.kind !== 'document' ||
    linked.result.documentNumber !== addressee.documentNumber ||
    linked.completedAt === null ||
    now - linked.completedAt > LINKED_SESSION_WINDOW_MS
  ) {
    throw new CoreError(
      'LINKED_SESSION_INVALID',
      'linkedSessionID must name a recent device-link certificate choice of this account that ended OK.',
    );
  }
}

/**
 * The accounts that may answer: active, not expired, of the level asked (ADVANCED accepts QUALIFIED too).
 * CoreError('ACCOUNT_NOT_FOUND') when there are none (the RP API's 404 for a person or document), or for an
 * identifier or document number that is malformed (no such account can exist); for a person with current
 * accounts of another level CoreError('NO_SUITABLE_ACCOUNT'), with only expired ones
 * CoreError('PERSON_SHOULD_VIEW_APP') (v2's 471 and 472).
 */
async function resolveTarget(
  accounts: AccountStore,
  addressee: TargetedAddressee,
  level: 'ADVANCED' | 'QUALIFIED',
  now: number,
): Promise<Account[]> {
  const notFound = () => new CoreError('ACCOUNT_NOT_FOUND', 'No usable account matches the request.');
  let candidates: Account[];
  try {
    if (addressee.kind === 'etsi') {
      parseSemanticsIdentifier(addressee.semanticsIdentifier);
      candidates = await accounts.listBySemanticsIdentifier(addressee.semanticsIdentifier);
    } else {
      parseDocumentNumber(addressee.documentNumber);
      const account = await accounts.get(addressee.documentNumber);
      candidates = account === undefined ? [] : [account];
    }
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw notFound();
  }
  const current = candidates.filter((a) => a.state === 'active' && now < a.validTo);
  const usable = current.filter((a) => level === 'ADVANCED' || a.level === 'QUALIFIED');
  if (usable.length > 0) return usable;
  // A person (not a document) is told why: accounts of another level, or accounts to renew in the app.
  if (addressee.kind === 'etsi' && current.length > 0) {
    throw new CoreError('NO_SUITABLE_ACCOUNT', 'The person has no account of the level asked.');
  }
  if (addressee.kind === 'etsi' && candidates.some((a) => a.state === 'active')) {
    throw new CoreError('PERSON_SHOULD_VIEW_APP', "The person's accounts have expired: the app renews them.");
  }
  throw notFound();
}

/**
 * Starts a session of the RP API v3 (authentication, endpoints 1–5; signing, 6–9; certificate choice, 12–13) for
 * an authenticated RP: checks what the
 * RP may ask for (ADVANCED accounts, the device IP address: CoreError('RELYING_PARTY_FORBIDDEN')), resolves
 * the target accounts of a session by identifier or document number (QSCD asks for QUALIFIED), and stores a
 * RUNNING session with a fresh id, token and secret; a signature or certificate-choice request repeated within
 * 15 s gets its session back (a different `nonce` makes it a new request). A notification session carries the verification code the
 * device will show (`verificationCodeOf`), and the devices of its target accounts are notified.
 */
export async function createSession(
  deps: CreateSessionDeps,
  rp: RelyingParty,
  sessionRequest: SessionRequest | V2SessionRequest,
): Promise<RpSession> {
  const { kind, flow, addressee, request, ignoredProperties = [] } = sessionRequest;
  if (request.certificateLevel === 'ADVANCED' && !rp.permissions.advancedAccounts) {
    throw new CoreError('RELYING_PARTY_FORBIDDEN', 'The relying party may not ask for ADVANCED accounts.');
  }
  if (request.requestProperties?.shareMdClientIpAddress === true && !rp.permissions.shareDeviceIpAddress) {
    throw new CoreError(
      'RELYING_PARTY_FORBIDDEN',
      'The relying party may not ask for the device IP address.',
    );
  }
  const now = deps.clock.now();
  const fingerprint = kind === 'authentication' ? null : fingerprintOf(rp.id, sessionRequest);
  if (fingerprint !== null) {
    const repeated = await deps.sessions.findByFingerprint(fingerprint, now - IDEMPOTENCY_WINDOW_MS);
    if (repeated !== undefined) return repeated;
  }
  if ('linkedSessionID' in request) {
    await checkLinkedSession(deps.sessions, rp.id, request.linkedSessionID, addressee, now);
  }
  const targeted =
    addressee.kind === 'anonymous'
      ? null
      : await resolveTarget(
          deps.accounts,
          addressee,
          request.certificateLevel === 'ADVANCED' ? 'ADVANCED' : 'QUALIFIED',
          now,
        );
  const target: SessionTarget | null =
    targeted === null ? null : { documentNumbers: targeted.map((a) => a.documentNumber) };
  const session: RpSession = {
    id: generateSessionId(deps.random),
    relyingPartyId: rp.id,
    relyingPartyName: request.relyingPartyName,
    kind,
    flow,
    rpApiVersion: 'rpApiVersion' in sessionRequest ? 'v2' : 'v3',
    request: request as unknown as Record<string, unknown>,
    sessionToken: generateSessionToken(deps.random),
    sessionSecret: generateSessionSecret(deps.random),
    state: 'RUNNING',
    target,
    verificationCode: verificationCodeOf(sessionRequest, deps.random),
    brokeredRpName: rp.brokerName ?? null,
    ignoredProperties: [...ignoredProperties],
    fingerprint,
    transaction: null,
    result: null,
    version: 1,
    createdAt: now,
    expiresAt: now + deps.sessionTimeoutMs,
    completedAt: null,
  };
  await deps.sessions.insert(session);
  if (flow === 'notification' && targeted !== null) {
    deps.notifier.notifyDevices([...new Set(targeted.map((a) => a.deviceId))]);
  }
  return session;
}
