import type { SubmitSignatureResponse } from './app-api-types.js';
import { ProtocolError } from './protocol-error.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function invalid(detail: string): never {
  throw new ProtocolError('INVALID_RESPONSE', 'The submit-signature response is malformed.', {
    issues: [{ paramName: 'result', reason: 'INVALID', detail }],
  });
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** Every answered attempt (OK or WRONG_PIN) consumed the presented clone token and carries the next one. */
function readNextCloneToken(b: Record<string, unknown>): string {
  if (typeof b.nextCloneToken !== 'string' || !BASE64URL.test(b.nextCloneToken)) {
    invalid('nextCloneToken must be base64url.');
  }
  return b.nextCloneToken as string;
}

/** Checks the server's answer to a partial signature; throws `INVALID_RESPONSE` when it is malformed. */
export function validateSubmitSignatureResponse(body: unknown): SubmitSignatureResponse {
  if (typeof body !== 'object' || body === null) invalid('The body is not an object.');
  const b = body as Record<string, unknown>;
  switch (b.result) {
    case 'OK': {
      const nextCloneToken = readNextCloneToken(b);
      if (b.sessionSecretDigest === undefined) return { result: 'OK', nextCloneToken };
      if (typeof b.sessionSecretDigest !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(b.sessionSecretDigest)) {
        invalid('sessionSecretDigest must be 43 base64url characters.');
      }
      return { result: 'OK', nextCloneToken, sessionSecretDigest: b.sessionSecretDigest as string };
    }
    case 'WRONG_PIN': {
      if (!Number.isSafeInteger(b.attemptsLeft) || (b.attemptsLeft as number) < 0) {
        invalid('attemptsLeft must be a non-negative integer.');
      }
      if (b.lockedUntil !== undefined && !isTime(b.lockedUntil)) invalid('lockedUntil must be a time.');
      const nextCloneToken = readNextCloneToken(b);
      const attemptsLeft = b.attemptsLeft as number;
      return b.lockedUntil === undefined
        ? { result: 'WRONG_PIN', attemptsLeft, nextCloneToken }
        : { result: 'WRONG_PIN', attemptsLeft, lockedUntil: b.lockedUntil as string, nextCloneToken };
    }
    case 'LOCKED':
      if (b.lockedUntil !== null && !isTime(b.lockedUntil)) invalid('lockedUntil must be a time or null.');
      if (typeof b.permanent !== 'boolean') invalid('permanent must be a boolean.');
      return { result: 'LOCKED', lockedUntil: b.lockedUntil as string | null, permanent: b.permanent };
    case 'CLONE_DETECTED':
      return { result: 'CLONE_DETECTED' };
    case 'EXPIRED':
      return { result: 'EXPIRED' };
    default:
      return invalid('result is not a known value.');
  }
}
