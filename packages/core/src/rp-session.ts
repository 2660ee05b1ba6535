import type { V2InteractionType } from '@tessera/protocol';

/** What an RP API session is for. */
export type SessionKind = 'authentication' | 'signature' | 'certificateChoice';

/** The RP API generation a session belongs to. */
export type RpApiVersion = 'v3' | 'v2';

/** How the person is reached: by a device link (QR, Web2App, App2App) or by a notification. */
export type SessionFlow = 'device-link' | 'notification';

/**
 * The outcome of a completed session as the RP API reports it: `endResult` and, when OK, what the wire
 * response carries (document number, signature, certificate, interaction used).
 */
export interface SessionResult {
  readonly endResult: string;
  readonly documentNumber?: string;
  readonly details?: { readonly interaction: string };
  /** Wire fields beside `result` in the status response when OK (signature, cert, interactionTypeUsed, …). */
  readonly response?: Readonly<Record<string, unknown>>;
}

/**
 * A session of the RP API. `version` rises with every change, so a long-poll can wait for "anything newer".
 * `sessionSecret` is an HMAC key (authCode): kept for the session's life, never logged, never returned again.
 */
export interface RpSession {
  readonly id: string;
  readonly relyingPartyId: string;
  /** Exactly as the RP sent it: authCode and ACSP_V2 use its bytes. */
  readonly relyingPartyName: string;
  readonly kind: SessionKind;
  readonly flow: SessionFlow;
  /**
   * Which RP API the session was created and is polled with: `v2` (legacy notification API, spec §8) signs the
   * RP's `hash` with PKCS#1 v1.5 and reports in v2 names. A session is not visible through the other version.
   */
  readonly rpApiVersion: RpApiVersion;
  /** The validated request body, for the device's transaction and for rebuilding signed payloads. */
  readonly request: Readonly<Record<string, unknown>>;
  readonly sessionToken: string;
  readonly sessionSecret: string;
  readonly state: 'RUNNING' | 'COMPLETE';
  /** Whose device may answer: the target accounts, or null for whoever opens the link (anonymous). */
  readonly target: SessionTarget | null;
  /** Notification authentication: the code the device shows, computed from rpChallenge (spec §5.1). */
  readonly verificationCode: string | null;
  /** The RP's broker name when it is a broker: ACSP_V2 signs it as `brokeredRpName`. */
  readonly brokeredRpName: string | null;
  /** Unknown `requestProperties` of the request as sent, echoed in the status (spec §2.1). */
  readonly ignoredProperties: readonly string[];
  /**
   * Signature and certificate-choice sessions: the hash of who asked what (RP, kind, flow, addressee, request with
   * its `nonce`), so a request repeated within 15 s gets this session back (spec §1, idempotency). Else null.
   */
  readonly fingerprint: string | null;
  /** What the person's device is asked to sign, once a device has taken the session (see SessionTransaction). */
  readonly transaction: SessionTransaction | null;
  readonly result: SessionResult | null;
  readonly version: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** A RUNNING session ends with TIMEOUT at this moment. */
  readonly expiresAt: number;
  readonly completedAt: number | null;
}

/** The accounts a targeted session (by semantics identifier or document number) may be answered with. */
export interface SessionTarget {
  readonly documentNumbers: readonly string[];
}

/** How long a completed session's result stays readable (spec §3: at least 5 minutes). */
export const SESSION_RESULT_RETENTION_MS = 5 * 60_000;

/**
 * An authentication session taken by a device: the account, how it was reached, and exactly what is signed.
 * The payload fields rebuild the ACSP_V2 payload on the device and for the RP; `encodedMessage` is the EM the
 * server built (PSS with its own salt) and will complete against.
 */
export interface SessionTransaction {
  readonly documentNumber: string;
  readonly keyId: string;
  readonly flowType: 'QR' | 'Web2App' | 'App2App' | 'Notification';
  readonly interactionTypeUsed: string;
  /** ACSP_V2 (authentication) only; null for a signature. */
  readonly serverRandom: string | null;
  readonly userChallenge: string | null;
  readonly signatureAlgorithm: string;
  readonly hashAlgorithm: string;
  /** Base64url of EM. */
  readonly encodedMessage: string;
  /** `confirmationMessageAndVerificationCodeChoice`: the three codes offered, the right one among them. */
  readonly verificationCodeChoice: readonly string[] | null;
  /** The person chose the right code (always false without a choice). */
  readonly verificationCodeChosen: boolean;
}

/**
 * How a session ends other than OK, as data (spec §3): each non-OK v3 `endResult`, with `details.interaction`
 * for a refusal on an interaction screen. A value of this type is a `SessionResult`.
 */
export type SessionEnd =
  | { readonly endResult: 'USER_REFUSED' }
  | {
      readonly endResult: 'USER_REFUSED_INTERACTION';
      /** v3 interactions, and `verificationCodeChoice` (v2, and a scripted test account of spec §7). */
      readonly details: { readonly interaction: V2InteractionType };
    }
  | { readonly endResult: 'USER_REFUSED_CERT_CHOICE' }
  | { readonly endResult: 'WRONG_VC' }
  | { readonly endResult: 'TIMEOUT' }
  | { readonly endResult: 'DOCUMENT_UNUSABLE' }
  | { readonly endResult: 'ACCOUNT_UNUSABLE' }
  | { readonly endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' }
  | { readonly endResult: 'PROTOCOL_FAILURE' }
  | { readonly endResult: 'EXPECTED_LINKED_SESSION' }
  | { readonly endResult: 'SERVER_ERROR' };
