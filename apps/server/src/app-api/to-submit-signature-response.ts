import type { SignatureOutcome } from '@tessera/core';
import { encodeBase64url } from '@tessera/crypto';
import type { SubmitSignatureResponse } from '@tessera/protocol';
import { HttpError } from '../http-error.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The device's answer for a signing attempt's outcome. A key busy with another attempt and a clone token the
 * server never issued are refusals (409, 400), not answers: the device keeps its request and token.
 */
export function toSubmitSignatureResponse(outcome: SignatureOutcome): SubmitSignatureResponse {
  switch (outcome.outcome) {
    case 'OK':
      return { result: 'OK', nextCloneToken: encodeBase64url(outcome.nextCloneToken) };
    case 'WRONG_PIN': {
      const lockedUntil = iso(outcome.lockedUntil);
      return {
        result: 'WRONG_PIN',
        attemptsLeft: outcome.attemptsLeftBeforeNextLock,
        ...(lockedUntil === null ? {} : { lockedUntil }),
        nextCloneToken: encodeBase64url(outcome.nextCloneToken),
      };
    }
    case 'LOCKED':
      return { result: 'LOCKED', lockedUntil: iso(outcome.lockedUntil), permanent: outcome.permanent };
    case 'CLONE_DETECTED':
      return { result: 'CLONE_DETECTED' };
    case 'BUSY':
      throw new HttpError(409, 'KEY_BUSY', 'The key is busy with another signing attempt; try again.');
    case 'INVALID_TOKEN':
      throw new HttpError(400, 'INVALID_CLONE_TOKEN', 'The clone token is not one the server issued.');
  }
}
