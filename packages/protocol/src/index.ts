/**
 * @tessera/protocol: the wire of the Smart-ID-compatible RP API (v3 and v2). The one canonical builder of
 * every signed or MAC'd byte string (device links and authCode, ACSP_V2), verification codes, interactions,
 * identifiers, session results, error table, and request/response types with their validators. Pure: no
 * I/O, no `node:` imports; runs in Node and the browser. The server's check of a signed device request lives in
 * `@tessera/protocol/node`.
 */

// Algorithms (§6.3) and the RAW_DIGEST_SIGNATURE digest (§6.2)
export {
  HASH_ALGORITHM_NAMES,
  type HashAlgorithm,
  hashOctetLength,
  MGF1_ALGORITHM,
  MGF1_OID,
  PSS_TRAILER_FIELD,
  SIGNATURE_ALGORITHM_NAMES,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  type SignatureAlgorithmInfo,
  type SignatureEncoding,
  V2_HASH_TYPES,
  V2_SIGNATURE_ALGORITHMS,
  type V2HashType,
} from './algorithms.js';
// App API (device ↔ identity server)
export { APP_API_ENDPOINTS, type AppApiOperation } from './app-api-endpoints.js';
export type * from './app-api-types.js';
// ACSP_V2 (§6.1)
export { type AcspV2PayloadFields, buildAcspV2Payload } from './build-acsp-v2-payload.js';
export { buildAppEnvelopeAssociatedData } from './build-app-envelope-associated-data.js';
export { buildAuthCodePayload } from './build-auth-code-payload.js';
// Callback URL, sessionSecretDigest, userChallenge (§4.4)
export { buildCallbackUrl } from './build-callback-url.js';
export { buildDeviceLink } from './build-device-link.js';
export {
  buildDeviceRequestSigningInput,
  type DeviceRequestSigningFields,
} from './build-device-request-signing-input.js';
// RP API errors (§1)
export {
  buildRpApiErrorResponse,
  type ProblemDetails,
  type ProblemErrorDetail,
  type RpApiErrorOptions,
  type V2ErrorBody,
} from './build-rp-api-error-response.js';
export {
  buildSignatureAlgorithmParameters,
  type PssSignatureAlgorithmParameters,
} from './build-signature-algorithm-parameters.js';
export { buildUnprotectedDeviceLink } from './build-unprotected-device-link.js';
export type { CallbackParameters } from './callback-parameters.js';
export { computeAcspV2Digest } from './compute-acsp-v2-digest.js';
export { computeAuthCode } from './compute-auth-code.js';
// Verification codes (§5.1)
export { computeAuthenticationVerificationCode } from './compute-authentication-verification-code.js';
export { computeInteractionsDigest } from './compute-interactions-digest.js';
export { computePhoneCommitment } from './compute-phone-commitment.js';
export { computeSessionSecretDigest } from './compute-session-secret-digest.js';
export { computeUserChallenge } from './compute-user-challenge.js';
export { computeV2VerificationCode } from './compute-v2-verification-code.js';
export { computeVerificationCode } from './compute-verification-code.js';
export { decodeInteractions } from './decode-interactions.js';
export { decodePartialSignaturePlaintext } from './decode-partial-signature-plaintext.js';
export { decodeRawDigest } from './decode-raw-digest.js';
// Device links and authCode (§4.2, §4.3)
export {
  type AuthCodeContext,
  DEFAULT_QR_FRESHNESS,
  DEVICE_LINK_VERSION,
  type DeviceLink,
  type DeviceLinkParameters,
  type QrFreshnessPolicy,
} from './device-link.js';
export {
  DEVICE_KEY_ALGORITHM,
  DEVICE_REQUEST_HEADERS,
  DEVICE_REQUEST_SIGNING_VERSION,
  type DeviceRequestHeaders,
} from './device-request-headers.js';
export { encodeInteractions } from './encode-interactions.js';
export {
  encodePartialSignaturePlaintext,
  PARTIAL_SIGNATURE_PLAINTEXT_VERSION,
} from './encode-partial-signature-plaintext.js';
export {
  decodeEnrolmentSharePlaintext,
  type EnrolmentSharePlaintext,
  encodeEnrolmentSharePlaintext,
} from './enrolment-share-plaintext.js';
export { formatDocumentNumber } from './format-document-number.js';
export { formatSemanticsIdentifier } from './format-semantics-identifier.js';
// Fresh wire values from an injected random source
export { generateRpChallenge } from './generate-rp-challenge.js';
export { generateServerRandom } from './generate-server-random.js';
export { generateSessionId } from './generate-session-id.js';
export { generateSessionSecret } from './generate-session-secret.js';
export { generateSessionToken } from './generate-session-token.js';
export { generateUserChallengeVerifier } from './generate-user-challenge-verifier.js';
export { generateVerificationCode } from './generate-verification-code.js';
export { generateVerificationCodeChoice } from './generate-verification-code-choice.js';
// Identifiers (§4.1)
export {
  type DocumentLevel,
  type DocumentNumber,
  IDENTITY_TYPES,
  type IdentityType,
  type SemanticsIdentifier,
} from './identifiers.js';
// Interactions (§4.5)
export {
  INTERACTION_TYPES,
  INTERACTION_TYPES_BY_FLOW,
  type Interaction,
  type InteractionFlow,
  type InteractionType,
  type InteractionTypeInfo,
  type V2Interaction,
  type V2InteractionType,
} from './interactions.js';
export { listIgnoredRequestProperties } from './list-ignored-request-properties.js';
export { parseDeviceLink } from './parse-device-link.js';
export { parseDocumentNumber } from './parse-document-number.js';
export { parseSemanticsIdentifier } from './parse-semantics-identifier.js';
export { parseTimeoutMs } from './parse-timeout-ms.js';
// Errors
export {
  ProtocolError,
  type ProtocolErrorCode,
  type ValidationIssue,
  type ValidationIssueReason,
} from './protocol-error.js';
export { readCallbackParameters } from './read-callback-parameters.js';
export { readDateOfBirthFromNationalCode } from './read-date-of-birth-from-national-code.js';
// Companion relay (phone ↔ server ↔ watch)
export { RELAY_API_ENDPOINTS, RELAY_LIMITS, type RelayApiOperation } from './relay-api-endpoints.js';
export type * from './relay-api-types.js';
export { resolveSignatureScheme, type SignatureScheme } from './resolve-signature-scheme.js';
// RP API v3 and v2 shapes and validators (§2, §3, §8)
export { RP_API_V2_ENDPOINTS, RP_API_V3_ENDPOINTS } from './rp-api-endpoints.js';
export { RP_API_ERRORS, type RpApiErrorCode, type RpApiErrorInfo } from './rp-api-errors.js';
export type * from './rp-api-v2-types.js';
export type * from './rp-api-v3-types.js';
export { DEFAULT_SCHEME_NAME, SCHEME_NAMES } from './scheme-names.js';
export { type InteractionSelection, selectInteraction } from './select-interaction.js';
export {
  END_RESULTS,
  type EndResult,
  SESSION_STATES,
  type SessionState,
  V2_END_RESULTS,
  V2_REFUSAL_END_RESULTS,
  type V2EndResult,
} from './session-results.js';
export { type SignDeviceRequestInput, signDeviceRequest } from './sign-device-request.js';
export { validateCertificateResponse } from './validate-certificate-response.js';
export { validateDeviceLinkAuthenticationRequest } from './validate-device-link-authentication-request.js';
export { validateDeviceLinkCertificateChoiceRequest } from './validate-device-link-certificate-choice-request.js';
export { validateDeviceLinkSessionResponse } from './validate-device-link-session-response.js';
export { validateDeviceLinkSignatureRequest } from './validate-device-link-signature-request.js';
export { validateLinkedNotificationSignatureRequest } from './validate-linked-notification-signature-request.js';
export { validateNotificationAuthenticationRequest } from './validate-notification-authentication-request.js';
export { validateNotificationCertificateChoiceRequest } from './validate-notification-certificate-choice-request.js';
export { validateNotificationSessionResponse } from './validate-notification-session-response.js';
export { validateNotificationSignatureRequest } from './validate-notification-signature-request.js';
export { validateNotificationSignatureSessionResponse } from './validate-notification-signature-session-response.js';
export { validateSessionStatusResponse } from './validate-session-status-response.js';
export { validateSigningCertificateRequest } from './validate-signing-certificate-request.js';
export { validateSubmitSignatureResponse } from './validate-submit-signature-response.js';
export { validateV2AuthenticationRequest } from './validate-v2-authentication-request.js';
export { validateV2CertificateChoiceRequest } from './validate-v2-certificate-choice-request.js';
export { validateV2SessionStatusResponse } from './validate-v2-session-status-response.js';
export { validateV2SignatureRequest } from './validate-v2-signature-request.js';
export { verifyAuthCode } from './verify-auth-code.js';
export { type CallbackExpectations, verifyCallbackParameters } from './verify-callback-parameters.js';
export { type DeviceLinkExpectations, verifyDeviceLink } from './verify-device-link.js';
// Wire values, session states and end results (§3, §8)
export {
  AUTHENTICATION_CERTIFICATE_LEVELS,
  type AuthenticationCertificateLevel,
  type CertificateLevel,
  DEFAULT_CERTIFICATE_LEVEL,
  DEVICE_LINK_SESSION_TYPES,
  DEVICE_LINK_TYPES,
  type DeviceLinkSessionType,
  type DeviceLinkType,
  FLOW_TYPES,
  type FlowType,
  RP_API_LIMITS,
  SIGNATURE_PROTOCOLS,
  SIGNING_CERTIFICATE_LEVELS,
  type SignatureProtocol,
  type SigningCertificateLevel,
  VC_TYPES,
  type VcType,
} from './wire-values.js';
