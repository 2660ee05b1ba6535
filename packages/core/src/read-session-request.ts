import {
  type DeviceLinkAuthenticationRequest,
  type DeviceLinkSignatureRequest,
  decodeInteractions,
  type HashAlgorithm,
  resolveSignatureScheme,
  type SignatureAlgorithm,
  type SignatureEncoding,
  V2_SIGNATURE_ALGORITHMS,
  type V2AuthenticationRequest,
  type V2Interaction,
} from '@tessera/protocol';
import type { RpSession } from './rp-session.js';

/** What a session asks the person to see and sign, read the same way whichever API version created it. */
export interface SessionSigningRequest {
  /** The interactions the RP offered, in its order of preference (v3: decoded from Base64 under its flow's rules). */
  readonly interactions: readonly V2Interaction[];
  /** The wire name reported back (`rsassa-pss`, `sha256WithRSAEncryption`, …). */
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly encoding: SignatureEncoding;
  readonly hashAlgorithm: HashAlgorithm;
  /** The RP's digest (signing, v2 authentication) as it sent it, or null: ACSP_V2 signs a payload with rpChallenge. */
  readonly digest: string | null;
  /** ACSP_V2 only. */
  readonly rpChallenge: string | null;
  readonly initialCallbackUrl: string | undefined;
}

/**
 * Reads an authentication or signature session's request: a v3 request (ACSP_V2 or RAW_DIGEST_SIGNATURE, its
 * interactions Base64 under the rules of its flow, linked or not) or a v2 one (the RP's `hash` signed with the
 * PKCS#1 v1.5 algorithm of its `hashType`, `allowedInteractionsOrder` as an array).
 */
export function readSessionRequest(session: RpSession): SessionSigningRequest {
  if (session.rpApiVersion === 'v2') {
    const request = session.request as unknown as V2AuthenticationRequest;
    const signatureAlgorithm = V2_SIGNATURE_ALGORITHMS[request.hashType];
    const scheme = resolveSignatureScheme(signatureAlgorithm);
    return {
      interactions: request.allowedInteractionsOrder,
      signatureAlgorithm,
      encoding: scheme.encoding,
      hashAlgorithm: scheme.hashAlgorithm,
      digest: request.hash,
      rpChallenge: null,
      initialCallbackUrl: undefined,
    };
  }
  const request = session.request as unknown as DeviceLinkAuthenticationRequest | DeviceLinkSignatureRequest;
  const parameters = request.signatureProtocolParameters;
  const scheme = resolveSignatureScheme(
    parameters.signatureAlgorithm,
    parameters.signatureAlgorithmParameters?.hashAlgorithm,
  );
  const flow =
    'linkedSessionID' in request
      ? 'linkedNotification'
      : session.flow === 'notification'
        ? 'notification'
        : 'deviceLink';
  return {
    interactions: decodeInteractions(request.interactions, flow),
    signatureAlgorithm: parameters.signatureAlgorithm,
    encoding: scheme.encoding,
    hashAlgorithm: scheme.hashAlgorithm,
    digest: 'digest' in parameters ? parameters.digest : null,
    rpChallenge: 'rpChallenge' in parameters ? parameters.rpChallenge : null,
    initialCallbackUrl: request.initialCallbackUrl,
  };
}
