import {
  assertBytes,
  CLONE_TOKEN_LENGTH,
  deriveResponseKeys,
  digestRequest,
  RESPONSE_LENGTH,
  RESPONSE_VERSION,
  tagResponse,
  xorBytes,
} from './clone-token-format.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { CryptoError } from './crypto-error.js';

/** What the device needs to take its next clone token from the server's response. */
export interface OpenNextCloneTokenInput {
  /** The token the device presented in the request. */
  token: Uint8Array;
  /** The exact canonical bytes of that request. */
  requestBytes: Uint8Array;
  /** The server's 65-byte response (from `decideCloneToken`). */
  response: Uint8Array;
}

/**
 * The device side of the rotation: checks and decrypts the server's response to the request made with `token`
 * and returns the next token, which replaces `token` in the device's state.
 *
 * Until this succeeds the device must keep the request and, before any other, resend it byte for byte: a new
 * request under the old token would look like a clone. Throws `MALFORMED_CIPHERTEXT` for a response that is not
 * for this token and request or was altered; `INVALID_ARGUMENT` for a token of the wrong size.
 */
export function openNextCloneToken(input: OpenNextCloneTokenInput): Uint8Array {
  assertBytes(input.token, CLONE_TOKEN_LENGTH, 'A clone token');
  if (!(input.requestBytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_ARGUMENT', 'The request bytes must be a byte string.');
  }
  const { response } = input;
  if (
    !(response instanceof Uint8Array) ||
    response.length !== RESPONSE_LENGTH ||
    response[0] !== RESPONSE_VERSION
  ) {
    throw new CryptoError('MALFORMED_CIPHERTEXT', 'The clone-token response cannot be opened.');
  }
  const keys = deriveResponseKeys(input.token, digestRequest(input.requestBytes));
  const body = response.subarray(0, 1 + CLONE_TOKEN_LENGTH);
  if (!constantTimeEqual(tagResponse(keys.mac, body), response.subarray(1 + CLONE_TOKEN_LENGTH))) {
    throw new CryptoError('MALFORMED_CIPHERTEXT', 'The clone-token response cannot be opened.');
  }
  return xorBytes(response.subarray(1, 1 + CLONE_TOKEN_LENGTH), keys.enc);
}
