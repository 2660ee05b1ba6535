import { readCallbackParameters, verifyCallbackParameters } from '@tessera/protocol';
import { RpClientError } from './rp-client-error.js';

const APPENDED = ['sessionSecretDigest', 'userChallengeVerifier'];

function sorted(query: URLSearchParams): string[] {
  return [...query].map(([k, v]) => `${k}=${v}`).sort();
}

/**
 * The relying party's check of the URL its callback endpoint received after a Web2App/App2App flow (spec §4.4):
 * it is the session's `initialCallbackUrl` (same origin, path and own parameters, the RP's `value` included)
 * with only `sessionSecretDigest` (and, for authentication, `userChallengeVerifier`) added; the digest matches
 * the session secret and the verifier hashes to the signed `userChallenge`. Throws `CALLBACK_REJECTED`. The RP
 * must still match `value` to the browser's cookie, and use the callback once.
 */
export function verifyCallbackUrl(input: {
  readonly received: string | URL;
  readonly initialCallbackUrl: string;
  readonly sessionSecret: string;
  readonly userChallenge?: string;
}): void {
  let received: URL;
  let initial: URL;
  try {
    received = new URL(input.received);
    initial = new URL(input.initialCallbackUrl);
  } catch (cause) {
    throw new RpClientError('CALLBACK_REJECTED', 'The callback URL is not an absolute URL.', { cause });
  }
  const own = new URLSearchParams([...received.searchParams].filter(([k]) => !APPENDED.includes(k)));
  if (
    received.origin !== initial.origin ||
    received.pathname !== initial.pathname ||
    sorted(own).join('&') !== sorted(initial.searchParams).join('&')
  ) {
    throw new RpClientError(
      'CALLBACK_REJECTED',
      "The callback URL is not this session's initialCallbackUrl.",
    );
  }
  try {
    verifyCallbackParameters(readCallbackParameters(received.searchParams), {
      sessionSecret: input.sessionSecret,
      userChallenge: input.userChallenge,
    });
  } catch (cause) {
    throw new RpClientError(
      'CALLBACK_REJECTED',
      `The callback does not belong to this session: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}
