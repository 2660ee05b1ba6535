/** Request and response bodies of the legacy RP API v2 (spec §8.1), with the wire's own field names. */
import type { SignatureAlgorithm, V2HashType } from './algorithms.js';
import type { V2Interaction, V2InteractionType } from './interactions.js';
import type { RelyingPartyFields, RequestProperties, SessionCertificate } from './rp-api-v3-types.js';
import type { V2EndResult } from './session-results.js';
import type { AuthenticationCertificateLevel, SigningCertificateLevel } from './wire-values.js';

/** `POST /v2/certificatechoice/{etsi/… | document/…}`. No interactions. */
export interface V2CertificateChoiceRequest extends RelyingPartyFields {
  certificateLevel?: SigningCertificateLevel;
  nonce?: string;
  capabilities?: string[];
  requestProperties?: RequestProperties;
}

/** `POST /v2/authentication/{etsi/… | document/…}`: the RP's own hash is signed with PKCS#1 v1.5. */
export interface V2AuthenticationRequest extends RelyingPartyFields {
  certificateLevel?: AuthenticationCertificateLevel;
  /** Standard Base64 of the digest to sign, exactly the length of `hashType`. */
  hash: string;
  hashType: V2HashType;
  /** A plain JSON array (not Base64), in order of preference. */
  allowedInteractionsOrder: V2Interaction[];
  nonce?: string;
  capabilities?: string[];
  requestProperties?: RequestProperties;
}

/** `POST /v2/signature/{etsi/… | document/…}`: as authentication, but `QSCD` is allowed. */
export interface V2SignatureRequest extends Omit<V2AuthenticationRequest, 'certificateLevel'> {
  certificateLevel?: SigningCertificateLevel;
}

/** Response of every v2 session-creating POST. */
export interface V2SessionResponse {
  sessionID: string;
}

/** `signature` of a v2 session. */
export interface V2Signature {
  value: string;
  algorithm: SignatureAlgorithm;
}

/** `GET /v2/session/{sessionId}?timeoutMs=N` while running. */
export interface V2RunningSessionStatus {
  state: 'RUNNING';
}

/** `GET /v2/session/{sessionId}` once complete. */
export interface V2CompleteSessionStatus {
  state: 'COMPLETE';
  result: { endResult: V2EndResult; documentNumber?: string };
  /** Present when `OK` for authentication and signing. */
  signature?: V2Signature;
  /** Present when `OK`. */
  cert?: SessionCertificate;
  ignoredProperties?: string[];
  /** v3 renamed it `interactionTypeUsed`. */
  interactionFlowUsed?: V2InteractionType;
  deviceIpAddress?: string;
}

/** A v2 session status response. */
export type V2SessionStatusResponse = V2RunningSessionStatus | V2CompleteSessionStatus;
