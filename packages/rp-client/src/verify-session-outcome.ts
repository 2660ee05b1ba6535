import { constants, verify as verifySignature } from 'node:crypto';
import { decodeBase64 } from '@tessera/pki';
import {
  buildAcspV2Payload,
  type CompleteSessionStatus,
  decodeInteractions,
  type FlowType,
  type HashAlgorithm,
  hashOctetLength,
  MGF1_ALGORITHM,
  PSS_TRAILER_FIELD,
  resolveSignatureScheme,
  type SignatureAlgorithm,
  type SignatureScheme,
  V2_HASH_TYPES,
  V2_SIGNATURE_ALGORITHMS,
  type V2CompleteSessionStatus,
} from '@tessera/protocol';
import {
  type CertificateExpectations,
  type CheckedCertificate,
  checkCertificate,
} from './check-certificate.js';
import { reject } from './rp-client-error.js';
import type { RpSession } from './rp-session.js';
import {
  type Authentication,
  type CertificateChoice,
  END_RESULT_MEANINGS,
  type SessionOutcome,
  type SessionRefusal,
  type Signature,
} from './session-outcome.js';
import { verifyCallbackUrl } from './verify-callback-url.js';
import { verifyDigestSignature } from './verify-digest-signature.js';

/** What a completed status is verified against besides the session itself. */
export interface OutcomeContext {
  readonly schemeName: string;
  readonly certificates: Omit<CertificateExpectations, 'purpose' | 'requestedLevel'>;
  /** The URL the callback endpoint received, for Web2App/App2App flows. */
  readonly callbackUrl?: string | URL | undefined;
}

/** The verified result of each kind of session. */
export type OutcomeOf<S extends RpSession> = S['kind'] extends 'authentication'
  ? SessionOutcome<Authentication>
  : S['kind'] extends 'signature'
    ? SessionOutcome<Signature>
    : SessionOutcome<CertificateChoice>;

const NODE_HASH: Readonly<Record<HashAlgorithm, string>> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

function refusal(endResult: SessionRefusal['endResult'], interaction?: string): SessionRefusal {
  const meaning =
    END_RESULT_MEANINGS[endResult] ?? reject(`The session ended with an unknown result ${endResult}.`);
  return { endResult, ...meaning, ...(interaction === undefined ? {} : { interaction }) };
}

function requestedScheme(parameters: {
  signatureAlgorithm: SignatureAlgorithm;
  signatureAlgorithmParameters?: { hashAlgorithm: HashAlgorithm };
}): SignatureScheme {
  return resolveSignatureScheme(
    parameters.signatureAlgorithm,
    parameters.signatureAlgorithmParameters?.hashAlgorithm,
  );
}

/** The response's algorithm must be exactly the one asked for, with the PSS parameters the spec fixes (§3). */
function checkAlgorithm(
  scheme: SignatureScheme,
  signature: {
    signatureAlgorithm: SignatureAlgorithm;
    signatureAlgorithmParameters?: {
      hashAlgorithm: HashAlgorithm;
      maskGenAlgorithm: { algorithm: string; parameters: { hashAlgorithm: HashAlgorithm } };
      saltLength: number;
      trailerField: string;
    };
  },
): void {
  if (signature.signatureAlgorithm !== scheme.signatureAlgorithm) {
    reject(`The signature is ${signature.signatureAlgorithm}; ${scheme.signatureAlgorithm} was asked for.`);
  }
  if (scheme.encoding !== 'pss') return;
  const p = signature.signatureAlgorithmParameters ?? reject('The PSS signature has no parameters.');
  if (
    p.hashAlgorithm !== scheme.hashAlgorithm ||
    p.maskGenAlgorithm.algorithm !== MGF1_ALGORITHM ||
    p.maskGenAlgorithm.parameters.hashAlgorithm !== scheme.hashAlgorithm ||
    p.saltLength !== hashOctetLength(scheme.hashAlgorithm) ||
    p.trailerField !== PSS_TRAILER_FIELD
  ) {
    reject(`The PSS parameters are not those of ${scheme.hashAlgorithm} as asked for.`);
  }
}

function interactionTypesOf(
  interactions: string,
  flow: 'deviceLink' | 'notification' | 'linkedNotification',
) {
  return decodeInteractions(interactions, flow).map((i) => i.type);
}

async function checkedCertificateOf(
  session: RpSession,
  status: { result: { documentNumber?: string }; cert?: CompleteSessionStatus['cert'] },
  purpose: 'authentication' | 'signing',
  context: OutcomeContext,
): Promise<{ documentNumber: string; checked: CheckedCertificate }> {
  const documentNumber = status.result.documentNumber || reject('The result has no documentNumber.');
  const cert = status.cert ?? reject('The result has no certificate.');
  const checked = await checkCertificate(cert, {
    ...context.certificates,
    purpose,
    requestedLevel: session.request.certificateLevel ?? 'QUALIFIED',
  });
  if (checked.contents.documentNumber !== documentNumber) {
    reject('The certificate is not for the document number of the result.');
  }
  const target = session.target;
  if ('documentNumber' in target && target.documentNumber !== documentNumber) {
    reject(`The result is for ${documentNumber}, not the document asked for.`);
  }
  if (
    'semanticsIdentifier' in target &&
    target.semanticsIdentifier !== checked.identity.semanticsIdentifier
  ) {
    reject('The certificate is not for the person asked for.');
  }
  return { documentNumber, checked };
}

function checkFlowType(session: RpSession, flowType: FlowType | undefined): FlowType {
  if (flowType === undefined || !session.offeredFlowTypes.includes(flowType)) {
    reject(`The flow type ${flowType ?? '(none)'} was not one offered.`);
  }
  return flowType;
}

function completed(
  documentNumber: string,
  checked: CheckedCertificate,
  flowType: FlowType,
  deviceIpAddress: string | undefined,
) {
  return {
    endResult: 'OK' as const,
    documentNumber,
    identity: checked.identity,
    certificate: checked.certificate,
    flowType,
    ...(deviceIpAddress === undefined ? {} : { deviceIpAddress }),
  };
}

async function verifyV3(
  session: Exclude<RpSession, { api: 'v2' }>,
  status: CompleteSessionStatus,
  context: OutcomeContext,
): Promise<SessionOutcome<Authentication | Signature | CertificateChoice>> {
  const { result } = status;
  if (result.endResult !== 'OK') return refusal(result.endResult, result.details?.interaction);
  const flowType = checkFlowType(session, status.signature?.flowType);
  const sameDevice = flowType === 'Web2App' || flowType === 'App2App';
  switch (session.kind) {
    case 'authentication': {
      if (status.signatureProtocol !== 'ACSP_V2' || status.signature === undefined) {
        reject('The response carries no ACSP_V2 signature.');
      }
      const signature = status.signature;
      const parameters = session.request.signatureProtocolParameters;
      const scheme = requestedScheme(parameters);
      checkAlgorithm(scheme, signature);
      const { documentNumber, checked } = await checkedCertificateOf(
        session,
        status,
        'authentication',
        context,
      );
      const interactionTypeUsed =
        status.interactionTypeUsed ?? reject('The result has no interactionTypeUsed.');
      const flow = session.flow === 'device-link' ? 'deviceLink' : 'notification';
      if (!interactionTypesOf(session.request.interactions, flow).includes(interactionTypeUsed)) {
        reject(`The interaction ${interactionTypeUsed} was not one asked for.`);
      }
      const initialCallbackUrl =
        session.flow === 'device-link' ? session.request.initialCallbackUrl : undefined;
      const payload = buildAcspV2Payload({
        schemeName: context.schemeName,
        serverRandom: signature.serverRandom,
        rpChallenge: parameters.rpChallenge,
        userChallenge: signature.userChallenge,
        relyingPartyName: session.request.relyingPartyName,
        interactions: session.request.interactions,
        interactionTypeUsed,
        initialCallbackUrl,
        flowType,
      });
      const value = decodeBase64(signature.value) ?? reject('The signature is not Base64.');
      const valid = verifySignature(
        NODE_HASH[scheme.hashAlgorithm],
        payload,
        scheme.encoding === 'pss'
          ? {
              key: checked.x509.publicKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: scheme.saltLength,
            }
          : { key: checked.x509.publicKey, padding: constants.RSA_PKCS1_PADDING },
        value,
      );
      if (!valid) reject('The ACSP_V2 signature does not verify with the certificate.');
      if (sameDevice && session.flow === 'device-link') {
        if (context.callbackUrl === undefined) {
          reject(
            `A ${flowType} authentication is accepted only with the callback URL the browser came back to.`,
          );
        }
        verifyCallbackUrl({
          received: context.callbackUrl,
          initialCallbackUrl: initialCallbackUrl ?? reject('The session has no initialCallbackUrl.'),
          sessionSecret: session.sessionSecret,
          userChallenge: signature.userChallenge,
        });
      }
      return {
        ...completed(documentNumber, checked, flowType, status.deviceIpAddress),
        interactionTypeUsed,
      };
    }
    case 'signature': {
      if (status.signatureProtocol !== 'RAW_DIGEST_SIGNATURE' || status.signature === undefined) {
        reject('The response carries no RAW_DIGEST_SIGNATURE signature.');
      }
      const signature = status.signature;
      const parameters = session.request.signatureProtocolParameters;
      const scheme = requestedScheme(parameters);
      checkAlgorithm(scheme, signature);
      const { documentNumber, checked } = await checkedCertificateOf(session, status, 'signing', context);
      const interactionTypeUsed =
        status.interactionTypeUsed ?? reject('The result has no interactionTypeUsed.');
      const flow =
        session.flow === 'device-link'
          ? 'deviceLink'
          : session.flow === 'linked'
            ? 'linkedNotification'
            : 'notification';
      if (!interactionTypesOf(session.request.interactions, flow).includes(interactionTypeUsed)) {
        reject(`The interaction ${interactionTypeUsed} was not one asked for.`);
      }
      const digest = decodeBase64(parameters.digest) ?? reject('The digest asked for is not Base64.');
      const value = decodeBase64(signature.value) ?? reject('The signature is not Base64.');
      if (!verifyDigestSignature(checked.x509, scheme, digest, value)) {
        reject('The signature does not verify with the signing certificate over the digest sent.');
      }
      if (sameDevice && session.flow === 'device-link' && context.callbackUrl !== undefined) {
        verifyCallbackUrl({
          received: context.callbackUrl,
          initialCallbackUrl:
            session.request.initialCallbackUrl ?? reject('The session has no initialCallbackUrl.'),
          sessionSecret: session.sessionSecret,
        });
      }
      return {
        ...completed(documentNumber, checked, flowType, status.deviceIpAddress),
        interactionTypeUsed,
        value: signature.value,
        signatureAlgorithm: scheme.signatureAlgorithm,
        hashAlgorithm: scheme.hashAlgorithm,
      };
    }
    case 'certificate-choice': {
      if (status.signatureProtocol !== undefined)
        reject('A certificate choice carries no signature protocol.');
      const { documentNumber, checked } = await checkedCertificateOf(session, status, 'signing', context);
      return completed(documentNumber, checked, flowType, status.deviceIpAddress);
    }
  }
}

async function verifyV2(
  session: Extract<RpSession, { api: 'v2' }>,
  status: V2CompleteSessionStatus,
  context: OutcomeContext,
): Promise<SessionOutcome<Authentication>> {
  const { result } = status;
  if (result.endResult !== 'OK') return refusal(result.endResult);
  const { hashType, hash } = session.request;
  const signature = status.signature ?? reject('The response has no signature.');
  if (signature.algorithm !== V2_SIGNATURE_ALGORITHMS[hashType]) {
    reject(`The signature is ${signature.algorithm}; ${V2_SIGNATURE_ALGORITHMS[hashType]} was expected.`);
  }
  const { documentNumber, checked } = await checkedCertificateOf(session, status, 'authentication', context);
  const interactionTypeUsed = status.interactionFlowUsed ?? reject('The result has no interactionFlowUsed.');
  if (!session.request.allowedInteractionsOrder.some((i) => i.type === interactionTypeUsed)) {
    reject(`The interaction ${interactionTypeUsed} was not one asked for.`);
  }
  const scheme = resolveSignatureScheme(signature.algorithm, V2_HASH_TYPES[hashType]);
  const digest = decodeBase64(hash) ?? reject('The hash sent is not Base64.');
  const value = decodeBase64(signature.value) ?? reject('The signature is not Base64.');
  if (!verifyDigestSignature(checked.x509, scheme, digest, value)) {
    reject('The signature does not verify with the certificate over the hash sent.');
  }
  return {
    ...completed(documentNumber, checked, 'Notification', status.deviceIpAddress),
    interactionTypeUsed,
  };
}

/**
 * Verifies a completed session against the session's own request (spec §3 "client strictness", §6): a refusal
 * becomes data with who must act; an OK result is returned only after the flow type, algorithm, certificate
 * (chain, level, policies, purpose, revocation when on), identity, interaction, signature and, for same-device
 * authentication, the callback all check out. Anything else throws `RESPONSE_REJECTED`.
 */
export async function verifySessionOutcome<S extends RpSession>(
  session: S,
  status: S['api'] extends 'v2' ? V2CompleteSessionStatus : CompleteSessionStatus,
  context: OutcomeContext,
): Promise<OutcomeOf<S>> {
  const outcome =
    session.api === 'v2'
      ? await verifyV2(
          session as Extract<RpSession, { api: 'v2' }>,
          status as V2CompleteSessionStatus,
          context,
        )
      : await verifyV3(
          session as Exclude<RpSession, { api: 'v2' }>,
          status as CompleteSessionStatus,
          context,
        );
  return outcome as OutcomeOf<S>;
}
