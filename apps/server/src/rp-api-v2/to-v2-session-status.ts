import type { RpSession, SessionResult } from '@tessera/core';
import {
  type SessionCertificate,
  type SignatureAlgorithm,
  V2_END_RESULTS,
  V2_REFUSAL_END_RESULTS,
  type V2EndResult,
  type V2InteractionType,
  type V2SessionStatusResponse,
} from '@tessera/protocol';

/**
 * A session's end in v2's names (spec §8.1): a refusal on a screen names the interaction
 * (`USER_REFUSED_DISPLAYTEXTANDPIN`, …), a key that can never sign again is `DOCUMENT_UNUSABLE`; v2 has no other
 * results, and its clients reject names they do not know.
 */
export function toV2EndResult(result: SessionResult): V2EndResult {
  if (result.endResult === 'USER_REFUSED_INTERACTION' && result.details !== undefined) {
    return V2_REFUSAL_END_RESULTS[result.details.interaction as V2InteractionType] ?? 'USER_REFUSED';
  }
  if ((V2_END_RESULTS as readonly string[]).includes(result.endResult))
    return result.endResult as V2EndResult;
  return 'DOCUMENT_UNUSABLE';
}

/**
 * The v2 wire form of a session's status: `result {endResult, documentNumber}`, and when OK the signature as
 * `{value, algorithm}` (PKCS#1 v1.5), the certificate, `interactionFlowUsed` (v3 renamed it) and, when asked
 * and allowed, `deviceIpAddress`.
 */
export function toV2SessionStatus(session: RpSession): V2SessionStatusResponse {
  if (session.state === 'RUNNING' || session.result === null) return { state: 'RUNNING' };
  const { documentNumber, response } = session.result;
  const wire = (response ?? {}) as {
    signature?: { value?: string; signatureAlgorithm: SignatureAlgorithm };
    cert?: SessionCertificate;
    interactionTypeUsed?: V2InteractionType;
    deviceIpAddress?: string;
  };
  return {
    state: 'COMPLETE',
    result: {
      endResult: toV2EndResult(session.result),
      ...(documentNumber === undefined ? {} : { documentNumber }),
    },
    ...(wire.signature?.value === undefined
      ? {}
      : { signature: { value: wire.signature.value, algorithm: wire.signature.signatureAlgorithm } }),
    ...(wire.cert === undefined ? {} : { cert: wire.cert }),
    ...(wire.interactionTypeUsed === undefined ? {} : { interactionFlowUsed: wire.interactionTypeUsed }),
    ...(wire.deviceIpAddress === undefined ? {} : { deviceIpAddress: wire.deviceIpAddress }),
    ...(session.ignoredProperties.length === 0 ? {} : { ignoredProperties: [...session.ignoredProperties] }),
  };
}
