import { describe, expect, it } from 'vitest';
import vectors from '../vectors/callback.json' with { type: 'json' };
import { buildCallbackUrl } from './build-callback-url.js';
import { computeSessionSecretDigest } from './compute-session-secret-digest.js';
import { computeUserChallenge } from './compute-user-challenge.js';
import { readCallbackParameters } from './read-callback-parameters.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { verifyCallbackParameters } from './verify-callback-parameters.js';

describe('callback URL, sessionSecretDigest and userChallenge (spec §4.4)', () => {
  it('has provenance', () => {
    expect(vectors.source).toMatch(/§4\.4/);
  });

  it('hashes the decoded session secret into the documented sessionSecretDigest', () => {
    expect(computeSessionSecretDigest(vectors.sessionSecret)).toBe(vectors.sessionSecretDigest);
  });

  it('hashes the verifier as text into the documented userChallenge', () => {
    expect(computeUserChallenge(vectors.userChallengeVerifier)).toBe(vectors.userChallenge);
  });

  it('refuses a verifier that is not 43 Base64URL characters', () => {
    expectProtocolError(() => computeUserChallenge(`${vectors.userChallengeVerifier}=`), 'INVALID_ARGUMENT');
    expectProtocolError(() => computeUserChallenge('abc'), 'INVALID_ARGUMENT');
  });

  it('builds the documented authentication callback URL', () => {
    expect(
      buildCallbackUrl(vectors.initialCallbackUrl, {
        sessionSecretDigest: vectors.sessionSecretDigest,
        userChallengeVerifier: vectors.userChallengeVerifier,
      }),
    ).toBe(vectors.authenticationCallbackUrl);
  });

  it('appends only the digest for signing and certificate choice, with "?" when the URL has no query', () => {
    expect(
      buildCallbackUrl('https://rp.example.com/cb', { sessionSecretDigest: vectors.sessionSecretDigest }),
    ).toBe(`https://rp.example.com/cb?sessionSecretDigest=${vectors.sessionSecretDigest}`);
  });

  it('refuses malformed parameters and a callback URL with a fragment', () => {
    expectProtocolError(
      () => buildCallbackUrl('https://rp.example.com/cb', { sessionSecretDigest: 'x' }),
      'INVALID_ARGUMENT',
    );
    expectProtocolError(
      () =>
        buildCallbackUrl('https://rp.example.com/cb#f', { sessionSecretDigest: vectors.sessionSecretDigest }),
      'INVALID_ARGUMENT',
    );
  });

  it('reads the parameters back from the URL the RP receives', () => {
    expect(readCallbackParameters(vectors.authenticationCallbackUrl)).toEqual({
      sessionSecretDigest: vectors.sessionSecretDigest,
      userChallengeVerifier: vectors.userChallengeVerifier,
    });
    const query = new URL(vectors.authenticationCallbackUrl).searchParams;
    query.delete('userChallengeVerifier');
    expect(readCallbackParameters(query)).toEqual({ sessionSecretDigest: vectors.sessionSecretDigest });
  });

  it.each([
    ['no digest', vectors.initialCallbackUrl],
    [
      'a repeated digest',
      `${vectors.authenticationCallbackUrl}&sessionSecretDigest=${vectors.sessionSecretDigest}`,
    ],
    ['a truncated verifier', vectors.authenticationCallbackUrl.slice(0, -1)],
    ['a relative URL', '/callback-url?sessionSecretDigest=x'],
  ])('refuses a callback with %s', (_name, url) => {
    expectProtocolError(() => readCallbackParameters(url), 'MALFORMED_CALLBACK_URL');
  });

  it('verifies the documented callback against its session and its signed userChallenge', () => {
    const parameters = readCallbackParameters(vectors.authenticationCallbackUrl);
    expect(() =>
      verifyCallbackParameters(parameters, {
        sessionSecret: vectors.sessionSecret,
        userChallenge: vectors.userChallenge,
      }),
    ).not.toThrow();
  });

  it('refuses a callback for another session secret or another userChallenge, or without the verifier', () => {
    const parameters = readCallbackParameters(vectors.authenticationCallbackUrl);
    const otherSecret = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expectProtocolError(
      () => verifyCallbackParameters(parameters, { sessionSecret: otherSecret }),
      'CALLBACK_MISMATCH',
    );
    expectProtocolError(
      () =>
        verifyCallbackParameters(parameters, {
          sessionSecret: vectors.sessionSecret,
          userChallenge: computeUserChallenge('B'.repeat(43)),
        }),
      'CALLBACK_MISMATCH',
    );
    expectProtocolError(
      () =>
        verifyCallbackParameters(
          { sessionSecretDigest: vectors.sessionSecretDigest },
          { sessionSecret: vectors.sessionSecret, userChallenge: vectors.userChallenge },
        ),
      'CALLBACK_MISMATCH',
    );
  });
});
