import {
  assertBytes,
  CLONE_TOKEN_LENGTH,
  type CloneTokenState,
  hashCloneToken,
} from './clone-token-format.js';

/**
 * The server's clone-token record at enrolment, from the device's first token `t0` (which arrives inside the
 * enrolment envelope). Only `H(t0)` is kept.
 */
export function createCloneTokenState(firstToken: Uint8Array): CloneTokenState {
  assertBytes(firstToken, CLONE_TOKEN_LENGTH, 'A clone token');
  return { currentHash: hashCloneToken(firstToken), previous: null, retiredHashes: [] };
}
