/** The parameters the app appends to `initialCallbackUrl` after a same-device flow (spec §4.4). */
export interface CallbackParameters {
  /** BASE64URL_NOPAD(SHA-256(decoded sessionSecret)). */
  readonly sessionSecretDigest: string;
  /** Authentication only: the 43-character verifier whose hash is the signed `userChallenge`. */
  readonly userChallengeVerifier?: string | undefined;
}
