import { constantTimeEqual } from '@tessera/crypto';
import type { CallbackParameters } from './callback-parameters.js';
import { computeSessionSecretDigest } from './compute-session-secret-digest.js';
import { computeUserChallenge } from './compute-user-challenge.js';
import { ProtocolError } from './protocol-error.js';

/** What the RP checks callback parameters against. */
export interface CallbackExpectations {
  /** The `sessionSecret` from the session-creation response. */
  readonly sessionSecret: string;
  /** Authentication: the `signature.userChallenge` of the (separately verified) session status. */
  readonly userChallenge?: string | undefined;
}

const ascii = new TextEncoder();

/**
 * The RP's callback check (spec §4.4): `sessionSecretDigest` matches the session secret and, when a
 * `userChallenge` is expected, the verifier is present and hashes to it. Constant-time compares; throws
 * `CALLBACK_MISMATCH`. The RP must still match its own `value` parameter to the browser session.
 */
export function verifyCallbackParameters(
  parameters: CallbackParameters,
  expected: CallbackExpectations,
): void {
  const digest = computeSessionSecretDigest(expected.sessionSecret);
  if (!constantTimeEqual(ascii.encode(parameters.sessionSecretDigest), ascii.encode(digest))) {
    throw new ProtocolError('CALLBACK_MISMATCH', 'The sessionSecretDigest does not match the session.');
  }
  if (expected.userChallenge === undefined) return;
  if (parameters.userChallengeVerifier === undefined) {
    throw new ProtocolError('CALLBACK_MISMATCH', 'The callback has no userChallengeVerifier.');
  }
  const challenge = computeUserChallenge(parameters.userChallengeVerifier);
  if (!constantTimeEqual(ascii.encode(challenge), ascii.encode(expected.userChallenge))) {
    throw new ProtocolError(
      'CALLBACK_MISMATCH',
      'The userChallengeVerifier does not match the userChallenge.',
    );
  }
}
