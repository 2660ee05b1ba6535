import type { AcspV2PayloadFields } from './build-acsp-v2-payload.js';

/**
 * App API (device ↔ identity server) request and response bodies. Bytes travel as base64url without
 * padding; integers that exceed JSON numbers (moduli) travel as base64url big-endian bytes.
 */

/** The two keys every account holds. */
export type KeyPurpose = 'authentication' | 'signing';

/** A sandbox identity the device declares at enrolment (no identity proofing in the sandbox). */
export interface SandboxIdentityDeclaration {
  /** ETSI semantics identifier, e.g. `PNOEE-30303039914`. */
  semanticsIdentifier: string;
  givenName: string;
  surname: string;
  /** `YYYY-MM-DD`, or null where none is on record (the certificate then carries none). */
  dateOfBirth: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  level: 'QUALIFIED' | 'ADVANCED';
}

/** One split key as the device registers it. */
export interface EnrolmentKey {
  purpose: KeyPurpose;
  /** RSA modulus n, base64url big-endian. */
  modulus: string;
  /** RSA public exponent e, base64url big-endian. */
  publicExponent: string;
  /**
   * PKCS#10 request for the key (DER, base64url), signed with `sha256WithRSAEncryption` by the whole key while
   * the device still holds both shares: the proof of possession the CA checks.
   */
  certificationRequest: string;
  /**
   * Envelope sealed to the server envelope key, associated data `encodeLengthPrefixed(['tessera-enrol/v1',
   * deviceId, purpose])`; plaintext `encodeLengthPrefixed([d_srv, t_0, y])` with `t_0` the initial clone token
   * and `y = EM^d_dev mod n` for the EM of the certification request's signature, so the server checks that
   * its share completes the device's into a working key before it stores anything.
   */
  sealedServerShare: string;
}

/** `POST /app/v1/enrolments`. */
export interface EnrolmentRequest {
  deviceId: string;
  /** The device's ECDSA P-256 public key. */
  devicePublicKeyJwk: JsonWebKey;
  identity: SandboxIdentityDeclaration;
  keys: EnrolmentKey[];
}

/** A key of an enrolled account: the server's key id (used in signature requests) and its certificate. */
export interface EnrolledKey {
  purpose: KeyPurpose;
  keyId: string;
  /** DER, base64url. */
  certificate: string;
}

/** Response to an enrolment: the account is active. */
export interface EnrolmentResponse {
  documentNumber: string;
  keys: EnrolledKey[];
}

/** `GET /app/v1/server`: what a device needs before enrolling (no device authentication). */
export interface ServerInfoResponse {
  /** ECDH P-256 public key the device seals shares and partial signatures to. */
  envelopePublicKeyJwk: JsonWebKey;
  /** The scheme name in authCodes and ACSP_V2 payloads (`smart-id-demo` in the sandbox). */
  schemeName: string;
  /** True when the server runs the sandbox: declared identities, demo relying party. */
  sandbox: boolean;
  /**
   * The deployment's VAPID application server key (RFC 8292): the uncompressed P-256 point, base64url, to pass
   * as `applicationServerKey` to `PushManager.subscribe`. Absent when the server sends no Web Push.
   */
  webPushPublicKey?: string;
}

/**
 * `PUT /app/v1/push-subscription`: the app's Web Push subscription, as `PushSubscription.toJSON()` gives it
 * (other members such as `expirationTime` are ignored). One per device; a new one replaces the last.
 */
export interface PushSubscriptionRequest {
  /** The push service URL: https (http only to a loopback host, outside production, for tests). */
  endpoint: string;
  keys: {
    /** base64url, the uncompressed P-256 point (65 octets) the message is encrypted to (RFC 8291). */
    p256dh: string;
    /** base64url, the 16-octet authentication secret (RFC 8291). */
    auth: string;
  };
}

/**
 * The plaintext of every Web Push message the server sends (JSON, encrypted `aes128gcm`, RFC 8291). It only
 * says that something waits: the app then asks `pendingTransactions`, so nothing about a session crosses the
 * push service.
 */
export interface PushMessage {
  type: 'transactions-pending';
}

/** The PIN lock of one key as the app shows it. */
export interface KeyLockState {
  /** `OPEN`: a PIN may be tried now. */
  state: 'OPEN' | 'LOCKED' | 'PERMANENTLY_LOCKED';
  /** ISO 8601 end of a temporary lock, else null. */
  lockedUntil: string | null;
  /** Wrong PINs left before the next lock (0 when locked for good). */
  attemptsLeft: number;
}

/** One account as the server lists it for a device. */
export interface AccountSummary {
  documentNumber: string;
  semanticsIdentifier: string;
  givenName: string;
  surname: string;
  level: 'QUALIFIED' | 'ADVANCED';
  /**
   * `ACTIVE`; `LOCKED` while a PIN is locked for a time (`lockedUntil`, the later one); `PERMANENTLY_LOCKED`
   * when a PIN is locked for good (its certificate is revoked: enrol again); `EXPIRED` after `validTo`.
   */
  state: 'ACTIVE' | 'LOCKED' | 'PERMANENTLY_LOCKED' | 'EXPIRED';
  lockedUntil: string | null;
  /** ISO 8601. */
  validTo: string;
  keys: { purpose: KeyPurpose; keyId: string; lock: KeyLockState }[];
}

/** `GET /app/v1/accounts`. */
export interface AccountsResponse {
  accounts: AccountSummary[];
}

/** The interaction types an app can show, in the RP API's names (`verificationCodeChoice`: v2 sessions). */
export type InteractionTypeName =
  | 'displayTextAndPIN'
  | 'verificationCodeChoice'
  | 'confirmationMessage'
  | 'confirmationMessageAndVerificationCodeChoice';

/**
 * What the device answers with when it takes a transaction: the account, its `userChallenge`
 * (`BASE64URL(SHA-256(userChallengeVerifier))`, the verifier stays on the device until the callback) and the
 * interactions it can show.
 */
export interface TakeTransactionRequest {
  documentNumber: string;
  userChallenge: string;
  supportedInteractions: InteractionTypeName[];
}

/** `POST /app/v1/device-links`: the device link the user scanned or opened, and how the device answers it. */
export interface OpenDeviceLinkRequest extends TakeTransactionRequest {
  deviceLink: string;
}

/**
 * Answer to opening a link or accepting an offered transaction: the transaction to show, or null when none of
 * the RP's interactions is supported by the app (the session then ends `REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP`)
 * or when a certificate choice was answered (`certificateChosen`).
 */
export interface TakeTransactionResponse {
  transaction: TransactionView | null;
  /** A certificate-choice session: taking it was the whole answer (the RP gets the signing certificate). */
  certificateChosen?: true;
}

/** What the user is asked to confirm. */
export interface TransactionInteraction {
  type: InteractionTypeName;
  displayText: string;
}

/** The scheme the encoded message uses. */
export interface TransactionSignatureScheme {
  encoding: 'pkcs1-v1_5' | 'pss';
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA3-256' | 'SHA3-384' | 'SHA3-512';
}

/** What the device hashes itself before it signs: the ACSP_V2 fields or the digest. */
export type TransactionSignedContent =
  | {
      kind: 'acsp-v2';
      /** The ACSP_V2 payload fields; the device rebuilds the payload with `buildAcspV2Payload`. */
      fields: AcspV2PayloadFields;
    }
  | {
      kind: 'digest';
      /** The RP's digest, base64url; the device signs it as it is (PSS mHash, or inside a DigestInfo). */
      digest: string;
      flowType: 'QR' | 'Web2App' | 'App2App' | 'Notification';
      /** Web2App/App2App: where the app returns after the signature. */
      initialCallbackUrl?: string;
    };

/** A transaction as the device displays it. */
export interface TransactionView {
  transactionId: string;
  documentNumber: string;
  keyPurpose: KeyPurpose;
  rpName: string;
  interaction: TransactionInteraction;
  /** The code to compare with the RP's screen, or null while a code choice is pending. */
  verificationCode: string | null;
  /** Three codes to choose from, for `confirmationMessageAndVerificationCodeChoice`. */
  verificationCodeChoice: string[] | null;
  signatureScheme: TransactionSignatureScheme;
  signedContent: TransactionSignedContent;
  /** The encoded message EM, base64url, one modulus length. */
  encodedMessage: string;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * A notification transaction offered to this device's accounts and not taken yet: the person picks the account
 * (or refuses on the `DEVICE_CHOICE` screen), then the device accepts it with a `TakeTransactionRequest`.
 */
export interface TransactionOffer {
  transactionId: string;
  /** What the RP asks for: a login, a signature, or the signing certificate (to prepare a signature). */
  kind: 'authentication' | 'signature' | 'certificateChoice';
  rpName: string;
  /** This device's accounts the RP's request can be answered with. */
  documentNumbers: string[];
  /** ISO 8601. */
  expiresAt: string;
}

/** What waits for a device: notification offers to take and the transactions it took. */
export interface PendingTransactions {
  offers: TransactionOffer[];
  transactions: TransactionView[];
}

/**
 * `GET /app/v1/transactions?waitMs=&seen=`: a long poll that answers as soon as what is pending differs from
 * what the caller has seen (`seen`, the `digest` of its last answer; without it, as soon as anything is pending).
 */
export interface PendingTransactionsResponse extends PendingTransactions {
  /** Names this answer's offers and taken transactions (by id); `seen` on the next poll. */
  digest: string;
}

/** `POST .../code-choice`. */
export interface ChooseCodeRequest {
  verificationCode: string;
}

/** Answer to a code choice: a wrong code ends the session (`WRONG_VC`). */
export interface ChooseCodeResponse {
  result: 'OK' | 'WRONG_VC';
}

/** `POST .../refusal`: on which screen the user refused. */
export interface RefuseRequest {
  screen: 'DISPLAYTEXT_AND_PIN' | 'CONFIRMATIONMESSAGE' | 'VERIFICATION_CODE_CHOICE' | 'DEVICE_CHOICE';
}

/**
 * `POST .../signature`. `sealedPartialSignature` is sealed to the server envelope key with associated data
 * `encodeLengthPrefixed(['tessera-partial-signature/v1', deviceId, transactionId, keyId])`; its plaintext
 * is `encodePartialSignaturePlaintext`. The body is kept and resent byte for byte after a lost response.
 */
export interface SubmitSignatureRequest {
  keyId: string;
  sealedPartialSignature: string;
}

/** The server's answer to a partial signature. */
export type SubmitSignatureResponse =
  | {
      result: 'OK';
      nextCloneToken: string;
      /**
       * Web2App and App2App only: `BASE64URL(SHA-256(sessionSecret))`; the device opens
       * `buildCallbackUrl(initialCallbackUrl, { sessionSecretDigest, userChallengeVerifier })`.
       */
      sessionSecretDigest?: string;
    }
  | { result: 'WRONG_PIN'; attemptsLeft: number; lockedUntil?: string; nextCloneToken: string }
  | { result: 'LOCKED'; lockedUntil: string | null; permanent: boolean }
  | { result: 'CLONE_DETECTED' }
  | { result: 'EXPIRED' };
