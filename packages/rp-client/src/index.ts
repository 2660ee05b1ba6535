/**
 * @tessera/rp-client: the relying party's SDK for a Tessera (Smart-ID-compatible) identity server. Every RP API
 * v3 flow and v2 authentication, device links and a QR code that changes every second, verification codes,
 * long-poll with AbortSignal, and complete validation of every result against the session's own request and the
 * pinned trust anchors. Node only (`node:crypto`); no runtime dependencies besides the workspace packages.
 */
export {
  type CertificatePolicyTable,
  type CertificatePurpose,
  SMART_ID_CERTIFICATE_POLICIES,
} from './certificate-policies.js';
export type { OcspSettings } from './check-certificate.js';
export {
  type AwaitOptions,
  createRpClient,
  type RpClient,
  type RpClientOptions,
} from './create-rp-client.js';
export {
  encodeQrCode,
  type QrCode,
  type QrErrorCorrection,
  renderQrCodeSvg,
  renderQrCodeText,
} from './encode-qr-code.js';
export {
  type Actor,
  RP_CLIENT_ERROR_ACTORS,
  RpClientError,
  type RpClientErrorCode,
} from './rp-client-error.js';
export type { DeviceLinkSession, RpSession, SessionTarget } from './rp-session.js';
export {
  type Authentication,
  type CertificateChoice,
  END_RESULT_MEANINGS,
  type PersonIdentity,
  type SessionOutcome,
  type SessionRefusal,
  type Signature,
  type VerifiedCertificate,
} from './session-outcome.js';
export { verifyCallbackUrl } from './verify-callback-url.js';
export type { OutcomeOf } from './verify-session-outcome.js';
