import type { CallbackParameters } from './callback-parameters.js';
import { ProtocolError } from './protocol-error.js';

const B64URL_43 = /^[A-Za-z0-9_-]{43}$/;

/**
 * The URL the app opens after a successful Web2App/App2App flow (spec §4.4): `initialCallbackUrl` with
 * `sessionSecretDigest` and, for authentication, `userChallengeVerifier` appended, joined by `&` (or by `?`
 * when the URL has no query yet). The values are Base64URL and need no encoding.
 */
export function buildCallbackUrl(initialCallbackUrl: string, parameters: CallbackParameters): string {
  if (initialCallbackUrl.includes('#')) {
    throw new ProtocolError('INVALID_ARGUMENT', 'A callback URL has no fragment.');
  }
  if (!B64URL_43.test(parameters.sessionSecretDigest)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'A sessionSecretDigest is 43 Base64URL characters.');
  }
  const verifier = parameters.userChallengeVerifier;
  if (verifier !== undefined && !B64URL_43.test(verifier)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'A userChallengeVerifier is 43 Base64URL characters.');
  }
  const join = initialCallbackUrl.includes('?') ? '&' : '?';
  return (
    `${initialCallbackUrl}${join}sessionSecretDigest=${parameters.sessionSecretDigest}` +
    (verifier === undefined ? '' : `&userChallengeVerifier=${verifier}`)
  );
}
