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
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  level: 'QUALIFIED' | 'ADVANCED';
}

/** One split key as the device registers it. */
export interface EnrolmentKey {
  purpose: KeyPurpose;
  /** The device's id for the key; the server uses it as key id. */
  keyId: string;
  /** RSA modulus n, base64url big-endian. */
  modulus: string;
  /** RSA public exponent e, base64url big-endian. */
  publicExponent: string;
  /**
   * Envelope sealed to the server envelope key, associated data = `encodeLengthPrefixed(['tessera-enrol/v1',
   * deviceId, keyId])`; plaintext = `encodeLengthPrefixed([d_srv big-endian, initial clone token])`.
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

/** Response to an enrolment. */
export interface EnrolmentResponse {
  accountId: string;
  documentNumber: string;
}

/** One account as the server lists it for a device. */
export interface AccountSummary {
  accountId: string;
  documentNumber: string;
  semanticsIdentifier: string;
  givenName: string;
  surname: string;
}

/** `GET /app/v1/accounts`. */
export interface AccountsResponse {
  accounts: AccountSummary[];
}

/** `POST /app/v1/device-links`: the device link the user scanned or opened. */
export interface OpenDeviceLinkRequest {
  deviceLink: string;
}

/** What the user is asked to confirm. */
export interface TransactionInteraction {
  type: 'displayTextAndPIN' | 'confirmationMessage' | 'confirmationMessageAndVerificationCodeChoice';
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
  | { kind: 'digest'; digest: string };

/** A transaction as the device displays it. */
export interface TransactionView {
  transactionId: string;
  accountId: string;
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

/** `GET /app/v1/transactions`. */
export interface PendingTransactionsResponse {
  transactions: TransactionView[];
}

/** `POST .../code-choice`. */
export interface ChooseCodeRequest {
  verificationCode: string;
}

/** `POST .../confirmation` (for confirmation-message interactions, before the PIN). */
export interface ConfirmationRequest {
  accepted: boolean;
}

/** `POST .../refusal`: on which screen the user refused. */
export interface RefuseRequest {
  screen: 'DISPLAYTEXT_AND_PIN' | 'CONFIRMATIONMESSAGE' | 'VERIFICATION_CODE_CHOICE';
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
  | { result: 'OK'; nextCloneToken: string }
  | { result: 'WRONG_PIN'; attemptsLeft: number; lockedUntil?: string; nextCloneToken: string }
  | { result: 'LOCKED'; lockedUntil: string | null; permanent: boolean }
  | { result: 'CLONE_DETECTED' }
  | { result: 'EXPIRED' };
