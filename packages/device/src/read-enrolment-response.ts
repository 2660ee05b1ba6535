import type { EnrolmentResponse } from '@tessera/protocol';
import { DeviceError } from './device-error.js';

/** Reads an enrolment answer, checking the fields the device keeps. */
export function readEnrolmentResponse(body: unknown): EnrolmentResponse {
  const answer = body as Partial<EnrolmentResponse> | null;
  const keysOk =
    Array.isArray(answer?.keys) &&
    answer.keys.every(
      (k) =>
        (k?.purpose === 'authentication' || k?.purpose === 'signing') &&
        typeof k.keyId === 'string' &&
        typeof k.certificate === 'string',
    );
  if (typeof answer?.documentNumber !== 'string' || !keysOk) {
    throw new DeviceError(
      'INVALID_RESPONSE',
      'The enrolment response lacks the document number or the keys.',
    );
  }
  return answer as EnrolmentResponse;
}
