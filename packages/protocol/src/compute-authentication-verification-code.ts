import { decodeBase64 } from './base64.js';
import { computeVerificationCode } from './compute-verification-code.js';
import { ProtocolError } from './protocol-error.js';

/**
 * The VC of a v3 notification authentication (spec §5.1): `computeVerificationCode` over the *decoded*
 * `rpChallenge` bytes. The RP computes it and the app shows it; the server never sends it.
 */
export function computeAuthenticationVerificationCode(rpChallenge: string): string {
  const bytes = decodeBase64(rpChallenge);
  if (bytes === undefined)
    throw new ProtocolError('INVALID_ARGUMENT', 'The rpChallenge is not standard Base64.');
  return computeVerificationCode(bytes);
}
