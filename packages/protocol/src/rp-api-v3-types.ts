/**
 * Request and response bodies of the RP API v3 (spec §2–§3), with the wire's own field names. Optional
 * fields are absent when not sent; validators drop unknown fields and read `null` as absent.
 */
import type { HashAlgorithm, SignatureAlgorithm } from './algorithms.js';
import type { PssSignatureAlgorithmParameters } from './build-signature-algorithm-parameters.js';
import type { InteractionType } from './interactions.js';
import type { EndResult } from './session-results.js';
import type {
  AuthenticationCertificateLevel,
  CertificateLevel,
  FlowType,
  SigningCertificateLevel,
  VcType,
} from './wire-values.js';

/** `requestProperties`; unknown members are ignored by the server and echoed in `ignoredProperties`. */
export interface RequestProperties {
  shareMdClientIpAddress?: boolean;
}

/** Fields every v3 request carries. */
export interface RelyingPartyFields {
  relyingPartyUUID: string;
  /** Matched case-insensitively, but used exactly as sent in authCode and ACSP_V2. */
  relyingPartyName: string;
}

/** `signatureAlgorithmParameters` in a request. */
export interface RequestSignatureAlgorithmParameters {
  hashAlgorithm: HashAlgorithm;
}

/** `signatureProtocolParameters` of ACSP_V2 (authentication). */
export interface AcspV2SignatureProtocolParameters {
  /** Standard Base64 of 32–64 random bytes. */
  rpChallenge: string;
  signatureAlgorithm: SignatureAlgorithm;
  /** Required for `rsassa-pss`. */
  signatureAlgorithmParameters?: RequestSignatureAlgorithmParameters;
}

/** `signatureProtocolParameters` of RAW_DIGEST_SIGNATURE (signing). */
export interface RawDigestSignatureProtocolParameters {
  /** Standard Base64 of H(data to be signed), exactly the hash's length. */
  digest: string;
  signatureAlgorithm: SignatureAlgorithm;
  /** Required for `rsassa-pss`. */
  signatureAlgorithmParameters?: RequestSignatureAlgorithmParameters;
}

/** Endpoints 1–3: `POST /v3/authentication/device-link/{anonymous | etsi/… | document/…}`. */
export interface DeviceLinkAuthenticationRequest extends RelyingPartyFields {
  /** Absent for QR-only sessions (the OpenAPI says required; the clients and prose say optional). */
  initialCallbackUrl?: string;
  certificateLevel?: AuthenticationCertificateLevel;
  signatureProtocol: 'ACSP_V2';
  signatureProtocolParameters: AcspV2SignatureProtocolParameters;
  /** Standard Base64 of the JSON interactions array (device-link types only), kept verbatim. */
  interactions: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
}

/** Endpoints 4–5: `POST /v3/authentication/notification/{etsi/… | document/…}`. */
export interface NotificationAuthenticationRequest extends RelyingPartyFields {
  certificateLevel?: AuthenticationCertificateLevel;
  signatureProtocol: 'ACSP_V2';
  signatureProtocolParameters: AcspV2SignatureProtocolParameters;
  interactions: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
  vcType: VcType;
}

/** Endpoints 6–7: `POST /v3/signature/device-link/{etsi/… | document/…}`. */
export interface DeviceLinkSignatureRequest extends RelyingPartyFields {
  initialCallbackUrl?: string;
  certificateLevel?: SigningCertificateLevel;
  signatureProtocol: 'RAW_DIGEST_SIGNATURE';
  signatureProtocolParameters: RawDigestSignatureProtocolParameters;
  nonce?: string;
  interactions: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
}

/** Endpoints 8–9: `POST /v3/signature/notification/{etsi/… | document/…}`. */
export interface NotificationSignatureRequest extends RelyingPartyFields {
  certificateLevel?: SigningCertificateLevel;
  signatureProtocol: 'RAW_DIGEST_SIGNATURE';
  signatureProtocolParameters: RawDigestSignatureProtocolParameters;
  nonce?: string;
  interactions: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
}

/** Endpoint 10: `POST /v3/signature/notification/linked/{documentNumber}`; interactions as for device links. */
export interface LinkedNotificationSignatureRequest extends NotificationSignatureRequest {
  /** The sessionID of the preceding device-link certificate choice. */
  linkedSessionID: string;
}

/** Endpoint 11: `POST /v3/signature/certificate/{documentNumber}` (synchronous). */
export interface SigningCertificateRequest extends RelyingPartyFields {
  certificateLevel?: SigningCertificateLevel;
}

/** Endpoint 12: `POST /v3/signature/certificate-choice/device-link/anonymous`. */
export interface DeviceLinkCertificateChoiceRequest extends RelyingPartyFields {
  initialCallbackUrl?: string;
  certificateLevel?: SigningCertificateLevel;
  nonce?: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
}

/** Endpoint 13: `POST /v3/signature/certificate-choice/notification/etsi/{semanticsIdentifier}`. */
export interface NotificationCertificateChoiceRequest extends RelyingPartyFields {
  certificateLevel?: SigningCertificateLevel;
  nonce?: string;
  requestProperties?: RequestProperties;
  capabilities?: string[];
}

/** Response of device-link endpoints (1–3, 6–7, 12). */
export interface DeviceLinkSessionResponse {
  sessionID: string;
  /** Alphanumeric, at least 24 characters. */
  sessionToken: string;
  /** Standard Base64 of at least 16 bytes: the HMAC key for authCodes. Secret. */
  sessionSecret: string;
  deviceLinkBase: string;
}

/** Response of notification authentication, linked signing and notification certificate choice (4–5, 10, 13). */
export interface NotificationSessionResponse {
  sessionID: string;
}

/** The server-chosen verification code of a notification signature. */
export interface VerificationCode {
  type: VcType;
  /** Four digits. */
  value: string;
}

/** Response of notification signing (8–9). */
export interface NotificationSignatureSessionResponse {
  sessionID: string;
  vc: VerificationCode;
}

/** `cert` in responses. */
export interface SessionCertificate {
  /** Standard Base64 of the DER end-entity certificate. */
  value: string;
  certificateLevel: CertificateLevel;
}

/** Response of endpoint 11. */
export type CertificateResponse = { state: 'OK'; cert: SessionCertificate } | { state: 'DOCUMENT_UNUSABLE' };

/** `result` of a completed session. */
export interface SessionResult {
  endResult: EndResult;
  /** Present when `OK`. */
  documentNumber?: string;
  /** Present with `USER_REFUSED_INTERACTION`. */
  details?: { interaction: InteractionType };
}

/** `signature` of an ACSP_V2 (authentication) session. */
export interface AcspV2Signature {
  value: string;
  serverRandom: string;
  userChallenge: string;
  flowType: FlowType;
  signatureAlgorithm: SignatureAlgorithm;
  /** Present for `rsassa-pss`. */
  signatureAlgorithmParameters?: PssSignatureAlgorithmParameters;
}

/** `signature` of a RAW_DIGEST_SIGNATURE (signing) session. */
export interface RawDigestSignature {
  value: string;
  flowType: FlowType;
  signatureAlgorithm: SignatureAlgorithm;
  signatureAlgorithmParameters?: PssSignatureAlgorithmParameters;
}

/** `signature` of a certificate-choice session: only the flow. */
export interface CertificateChoiceSignature {
  flowType: FlowType;
}

/** Session status while the session runs (or the long poll timed out). */
export interface RunningSessionStatus {
  state: 'RUNNING';
}

/** Fields of a completed session's status besides the signature. */
export interface CompleteSessionStatusFields {
  state: 'COMPLETE';
  result: SessionResult;
  /** Present when `OK`. */
  cert?: SessionCertificate;
  /** Present when `OK` for authentication and signing. */
  interactionTypeUsed?: InteractionType;
  deviceIpAddress?: string;
  ignoredProperties?: string[];
}

/** Session status once complete; the signature's shape follows `signatureProtocol`. */
export type CompleteSessionStatus = CompleteSessionStatusFields &
  (
    | { signatureProtocol: 'ACSP_V2'; signature?: AcspV2Signature }
    | { signatureProtocol: 'RAW_DIGEST_SIGNATURE'; signature?: RawDigestSignature }
    | { signatureProtocol?: undefined; signature?: CertificateChoiceSignature }
  );

/** Endpoint 14: `GET /v3/session/{sessionID}?timeoutMs=N`. */
export type SessionStatusResponse = RunningSessionStatus | CompleteSessionStatus;
