import type { CallbackParameters } from './callback-parameters.js';
import { ProtocolError } from './protocol-error.js';

const B64URL_43 = /^[A-Za-z0-9_-]{43}$/;

function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw new ProtocolError('MALFORMED_CALLBACK_URL', `${name} appears more than once.`);
  const value = values[0];
  if (value !== undefined && !B64URL_43.test(value)) {
    throw new ProtocolError('MALFORMED_CALLBACK_URL', `${name} is not 43 Base64URL characters.`);
  }
  return value;
}

/**
 * Reads `sessionSecretDigest` and the optional `userChallengeVerifier` from the URL (or query) the RP's
 * callback endpoint received. Throws `MALFORMED_CALLBACK_URL` if the digest is missing, a parameter is
 * repeated, or a value is malformed; the RP's own parameters (e.g. `value`) are left to the RP.
 */
export function readCallbackParameters(callback: string | URLSearchParams): CallbackParameters {
  let query: URLSearchParams;
  if (typeof callback === 'string') {
    try {
      query = new URL(callback).searchParams;
    } catch (cause) {
      throw new ProtocolError('MALFORMED_CALLBACK_URL', 'The callback URL is not an absolute URL.', {
        cause,
      });
    }
  } else {
    query = callback;
  }
  const sessionSecretDigest = single(query, 'sessionSecretDigest');
  if (sessionSecretDigest === undefined) {
    throw new ProtocolError('MALFORMED_CALLBACK_URL', 'The callback URL has no sessionSecretDigest.');
  }
  const userChallengeVerifier = single(query, 'userChallengeVerifier');
  return userChallengeVerifier === undefined
    ? { sessionSecretDigest }
    : { sessionSecretDigest, userChallengeVerifier };
}
