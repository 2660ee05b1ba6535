import { encodeLengthPrefixed } from '@tessera/crypto';

/**
 * The associated data that binds an app API envelope to its context: enrolment envelopes to
 * `(deviceId, purpose)`, partial-signature envelopes to `(deviceId, transactionId, keyId)`. An envelope
 * moved to another device, key or transaction does not open.
 */
export function buildAppEnvelopeAssociatedData(
  context:
    | { kind: 'enrolment'; deviceId: string; purpose: 'authentication' | 'signing' }
    | { kind: 'partial-signature'; deviceId: string; transactionId: string; keyId: string },
): Uint8Array {
  return context.kind === 'enrolment'
    ? encodeLengthPrefixed(['tessera-enrol/v1', context.deviceId, context.purpose])
    : encodeLengthPrefixed([
        'tessera-partial-signature/v1',
        context.deviceId,
        context.transactionId,
        context.keyId,
      ]);
}
