import { decodeBase64 } from './base64.js';
import { computeVerificationCode } from './compute-verification-code.js';
import { ProtocolError } from './protocol-error.js';

/**
 * The VC of a v2 authentication or signature (spec §5.1, §8.1): `computeVerificationCode` over the *decoded*
 * `hash` the RP sent. The RP computes it; the server returns none.
 */
export function computeV2VerificationCode(hash: string): string {
  const bytes = decodeBase64(hash);
  if (bytes === undefined) throw new ProtocolError('INVALID_ARGUMENT', 'The hash is not standard Base64.');
  return computeVerificationCode(bytes);
}
