import {
  assertBytes,
  assertCloneTokenState,
  CLONE_TOKEN_HISTORY,
  CLONE_TOKEN_LENGTH,
  type CloneTokenState,
  deriveResponseKeys,
  digestRequest,
  hashCloneToken,
  RESPONSE_LENGTH,
  RESPONSE_VERSION,
  tagResponse,
  xorBytes,
} from './clone-token-format.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { CryptoError } from './crypto-error.js';
import { generateCloneToken } from './generate-clone-token.js';
import type { RandomSource } from './random.js';

/** A signing request as the clone-token check sees it. */
export interface CloneTokenRequest {
  /**
   * The token the device presented, taken from inside the opened end-to-end envelope. Never accept a token
   * that travelled outside it: whoever sees a token can make the real device look like a clone.
   */
  presentedToken: Uint8Array;
  /**
   * The request's canonical bytes, covering at least the transaction id, the key id and the envelope bytes,
   * built the same way by device and server (for example with `encodeLengthPrefixed`).
   */
  requestBytes: Uint8Array;
}

/** What the server does with a request, decided from its clone-token record alone. */
export type CloneTokenDecision =
  | {
      /** The current token: process the request, then commit `state` and send `response` with the outcome. */
      outcome: 'ACCEPT';
      state: CloneTokenState;
      response: Uint8Array;
    }
  | {
      /**
       * The identical retry of the last accepted request: send the cached outcome again with `response`; count
       * nothing, compute nothing, keep the state.
       */
      outcome: 'RETRY';
      response: Uint8Array;
    }
  | {
      /**
       * A genuine older token with a different request: two copies of the device state exist. Lock the key for
       * good, revoke its certificates, tell the user. `evidence` says which older token it was.
       */
      outcome: 'CLONE';
      evidence: 'PREVIOUS_TOKEN' | 'RETIRED_TOKEN';
    }
  | {
      /**
       * A token the server has no record of: refuse the request without computing or counting, keep the state.
       * This is garbage, a forgery or a copy older than the remembered history. It is not treated as a clone
       * because anyone can seal an envelope with a random token: only knowing a real past token proves a copy,
       * and treating unknown tokens as clones would let anyone lock any key for good.
       */
      outcome: 'INVALID';
    };

/**
 * The server's clone-token check for one signing request (two-party-rsa.md, "Clone detection"). Pure: it draws
 * the next token from `random` and returns the new state as data; the caller commits it.
 *
 * Contract for the caller: decide and commit under the key's row lock or with compare-and-set on `currentHash`,
 * so two requests cannot both be accepted with the same token; commit the ACCEPT state together with the
 * request's outcome (which a RETRY must send again). If the request is refused before processing (for example
 * the key is locked), do not commit: the device keeps its token. Malformed input throws `INVALID_ARGUMENT`.
 */
export function decideCloneToken(
  state: CloneTokenState,
  request: CloneTokenRequest,
  random: RandomSource,
): CloneTokenDecision {
  assertCloneTokenState(state);
  assertBytes(request.presentedToken, CLONE_TOKEN_LENGTH, 'The presented clone token');
  if (!(request.requestBytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_ARGUMENT', 'The request bytes must be a byte string.');
  }
  const tokenHash = hashCloneToken(request.presentedToken);
  const requestDigest = digestRequest(request.requestBytes);

  if (constantTimeEqual(tokenHash, state.currentHash)) {
    const next = generateCloneToken(random);
    const keys = deriveResponseKeys(request.presentedToken, requestDigest);
    const response = new Uint8Array(RESPONSE_LENGTH);
    response[0] = RESPONSE_VERSION;
    response.set(xorBytes(next, keys.enc), 1);
    response.set(tagResponse(keys.mac, response.subarray(0, 1 + CLONE_TOKEN_LENGTH)), 1 + CLONE_TOKEN_LENGTH);
    const retiredHashes = state.previous
      ? [state.previous.tokenHash, ...state.retiredHashes].slice(0, CLONE_TOKEN_HISTORY)
      : state.retiredHashes.slice(0, CLONE_TOKEN_HISTORY);
    return {
      outcome: 'ACCEPT',
      state: {
        currentHash: hashCloneToken(next),
        previous: { tokenHash: state.currentHash, requestDigest, response },
        retiredHashes,
      },
      response,
    };
  }

  if (state.previous && constantTimeEqual(tokenHash, state.previous.tokenHash)) {
    return constantTimeEqual(requestDigest, state.previous.requestDigest)
      ? { outcome: 'RETRY', response: state.previous.response.slice() }
      : { outcome: 'CLONE', evidence: 'PREVIOUS_TOKEN' };
  }

  let retired = false;
  for (const h of state.retiredHashes) retired = constantTimeEqual(tokenHash, h) || retired;
  return retired ? { outcome: 'CLONE', evidence: 'RETIRED_TOKEN' } : { outcome: 'INVALID' };
}
