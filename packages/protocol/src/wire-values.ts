/** Closed sets of wire values of the RP API v3 and v2 (spec §2–§4, §8), and their fixed constants. */

/** `signatureProtocol`: ACSP_V2 for authentication, RAW_DIGEST_SIGNATURE for signing. */
export type SignatureProtocol = 'ACSP_V2' | 'RAW_DIGEST_SIGNATURE';
/** Every `signatureProtocol` value. */
export const SIGNATURE_PROTOCOLS: readonly SignatureProtocol[] = ['ACSP_V2', 'RAW_DIGEST_SIGNATURE'];

/** How the user reached the session; `signature.flowType` in v3 status responses. */
export type FlowType = 'QR' | 'App2App' | 'Web2App' | 'Notification';
/** Every `flowType` value. */
export const FLOW_TYPES: readonly FlowType[] = ['QR', 'App2App', 'Web2App', 'Notification'];

/** `deviceLinkType` of a device link. */
export type DeviceLinkType = 'QR' | 'Web2App' | 'App2App';
/** Every `deviceLinkType` value. */
export const DEVICE_LINK_TYPES: readonly DeviceLinkType[] = ['QR', 'Web2App', 'App2App'];

/** `sessionType` of a device link: authentication, signature, certificate choice. */
export type DeviceLinkSessionType = 'auth' | 'sign' | 'cert';
/** Every device-link `sessionType` value. */
export const DEVICE_LINK_SESSION_TYPES: readonly DeviceLinkSessionType[] = ['auth', 'sign', 'cert'];

/** Certificate level an authentication request may ask for. */
export type AuthenticationCertificateLevel = 'ADVANCED' | 'QUALIFIED';
/** Certificate level a signing, certificate-choice or certificate request may ask for (`QSCD` ⊂ QUALIFIED). */
export type SigningCertificateLevel = 'ADVANCED' | 'QUALIFIED' | 'QSCD';
/** Certificate level reported in `cert.certificateLevel`. */
export type CertificateLevel = 'ADVANCED' | 'QUALIFIED';
/** Every authentication certificate level. */
export const AUTHENTICATION_CERTIFICATE_LEVELS: readonly AuthenticationCertificateLevel[] = [
  'ADVANCED',
  'QUALIFIED',
];
/** Every signing certificate level. */
export const SIGNING_CERTIFICATE_LEVELS: readonly SigningCertificateLevel[] = [
  'ADVANCED',
  'QUALIFIED',
  'QSCD',
];
/** The level used when a request leaves `certificateLevel` out. */
export const DEFAULT_CERTIFICATE_LEVEL = 'QUALIFIED';

/** `vcType`: the only verification code type. */
export type VcType = 'numeric4';
/** Every `vcType` value. */
export const VC_TYPES: readonly VcType[] = ['numeric4'];

/** Limits of numeric fields and strings fixed by the RP API. */
export const RP_API_LIMITS = {
  /** `rpChallenge`: Base64 of 32–64 bytes, 44–88 characters. */
  rpChallengeBytes: { min: 32, max: 64 },
  /** `digest` (RAW_DIGEST_SIGNATURE): Base64, 44–88 characters, and exactly the hash's length. */
  digestBase64Length: { min: 44, max: 88 },
  /** `nonce`: 1–30 characters, signing and certificate choice only in v3 (every POST in v2). */
  nonceLength: { min: 1, max: 30 },
  /** `initialCallbackUrl` maximum length. */
  initialCallbackUrlMaxLength: 1800,
  /** v2 `relyingPartyName`: at most 32 bytes of UTF-8. */
  v2RelyingPartyNameMaxBytes: 32,
  /** `sessionToken`: alphanumeric, at least 24 characters. */
  sessionTokenMinLength: 24,
  /** `sessionSecret`: Base64 of at least 16 bytes (at least 24 characters). */
  sessionSecretMinBytes: 16,
  /** `serverRandom`: Base64 of at least 24 characters. */
  serverRandomMinLength: 24,
  /** `userChallenge` and `userChallengeVerifier`: exactly 43 Base64URL characters (32 bytes). */
  userChallengeLength: 43,
  /** Session status long poll `timeoutMs`: bounds and the default used when absent. */
  timeoutMs: { min: 1000, max: 120_000, default: 60_500 },
} as const;
