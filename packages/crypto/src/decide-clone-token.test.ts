import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { CLONE_TOKEN_HISTORY, type CloneTokenState } from './clone-token-format.js';
import { createCloneTokenState } from './create-clone-token-state.js';
import { type CloneTokenDecision, decideCloneToken } from './decide-clone-token.js';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { generateCloneToken } from './generate-clone-token.js';
import { openNextCloneToken } from './open-next-clone-token.js';
import type { RandomSource } from './random.js';
import { fixedRandom, loadCloneTokenVector } from './test-support/envelope-vector.js';
import { errorCodeOf } from './test-support/error-code.js';
import { fromHex, toHex } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

/** The request bytes a signing request would carry; the envelope is a random stand-in. */
function requestFor(txId: string, random: RandomSource): Uint8Array {
  return encodeLengthPrefixed(['tessera/sign-request', txId, 'key-auth-1', random(120)]);
}

/** A device that keeps its token and, once it has sent a request, that request until answered. */
class Device {
  constructor(public token: Uint8Array) {}

  copy(): Device {
    return new Device(this.token.slice());
  }

  accept(requestBytes: Uint8Array, response: Uint8Array): void {
    this.token = openNextCloneToken({ token: this.token, requestBytes, response });
  }
}

function expectOutcome<K extends CloneTokenDecision['outcome']>(
  decision: CloneTokenDecision,
  outcome: K,
): Extract<CloneTokenDecision, { outcome: K }> {
  expect(decision.outcome).toBe(outcome);
  return decision as Extract<CloneTokenDecision, { outcome: K }>;
}

/** A device and a server record after enrolment. */
function enrol(seed: string): { device: Device; state: CloneTokenState; random: RandomSource } {
  const random = seededRandom(seed);
  const device = new Device(generateCloneToken(random));
  return { device, state: createCloneTokenState(device.token), random };
}

/** One full signing round; returns the committed state. */
function sign(device: Device, state: CloneTokenState, txId: string, random: RandomSource): CloneTokenState {
  const requestBytes = requestFor(txId, random);
  const decision = expectOutcome(
    decideCloneToken(state, { presentedToken: device.token, requestBytes }, random),
    'ACCEPT',
  );
  device.accept(requestBytes, decision.response);
  return decision.state;
}

describe('clone-token rotation', () => {
  it('keeps only the hash of the first token at enrolment', () => {
    const token = generateCloneToken(seededRandom('enrol'));
    const state = createCloneTokenState(token);
    expect(toHex(state.currentHash)).toBe(toHex(sha256(token)));
    expect(toHex(state.currentHash)).not.toBe(toHex(token));
    expect(state.previous).toBeNull();
    expect(state.retiredHashes).toEqual([]);
  });

  it('accepts a fresh request with the current token and rotates the token over several rounds', () => {
    let { device, state, random } = enrol('rounds');
    const seen = new Set<string>([toHex(device.token)]);
    for (let round = 1; round <= 5; round++) {
      const before = device.token;
      state = sign(device, state, `tx-${round}`, random);
      expect(toHex(device.token)).not.toBe(toHex(before));
      expect(seen.has(toHex(device.token))).toBe(false);
      seen.add(toHex(device.token));
      expect(toHex(state.currentHash)).toBe(toHex(sha256(device.token)));
      expect(toHex(state.previous!.tokenHash)).toBe(toHex(sha256(before)));
      expect(state.retiredHashes.length).toBe(round - 1);
    }
  });

  it('answers an identical retry from the cache without changing the state, and the device then moves on', () => {
    const { device, state, random } = enrol('retry');
    const requestBytes = requestFor('tx-1', random);
    const accepted = expectOutcome(
      decideCloneToken(state, { presentedToken: device.token, requestBytes }, random),
      'ACCEPT',
    );
    // The response is lost; the device still holds its old token and resends the same bytes, twice.
    const committed = structuredClone(accepted.state);
    for (let i = 0; i < 2; i++) {
      const retry = expectOutcome(
        decideCloneToken(accepted.state, { presentedToken: device.token, requestBytes }, random),
        'RETRY',
      );
      expect(toHex(retry.response)).toBe(toHex(accepted.response));
      expect(retry).not.toHaveProperty('state');
    }
    expect(accepted.state).toEqual(committed);
    device.accept(requestBytes, accepted.response);
    expect(toHex(sha256(device.token))).toBe(toHex(accepted.state.currentHash));
    sign(device, accepted.state, 'tx-2', random);
  });

  it('calls a different request under the previous token a clone', () => {
    const { device, state, random } = enrol('older token');
    const oldToken = device.token;
    const advanced = sign(device, state, 'tx-1', random);
    const decision = decideCloneToken(
      advanced,
      { presentedToken: oldToken, requestBytes: requestFor('tx-2', random) },
      random,
    );
    expect(decision).toEqual({ outcome: 'CLONE', evidence: 'PREVIOUS_TOKEN' });
  });

  it('calls the same transaction with a re-sealed envelope under the previous token a clone, not a retry', () => {
    const { device, state, random } = enrol('resealed');
    const oldToken = device.token;
    const advanced = sign(device, state, 'tx-1', random);
    const decision = decideCloneToken(
      advanced,
      { presentedToken: oldToken, requestBytes: requestFor('tx-1', random) },
      random,
    );
    expect(decision.outcome).toBe('CLONE');
  });

  it('catches a copy of the device that signs first: the original is then the one with the stale token', () => {
    const { device: original, state, random } = enrol('copy first');
    const clone = original.copy();
    const afterClone = sign(clone, state, 'tx-clone', random);
    const decision = decideCloneToken(
      afterClone,
      { presentedToken: original.token, requestBytes: requestFor('tx-original', random) },
      random,
    );
    expect(decision).toEqual({ outcome: 'CLONE', evidence: 'PREVIOUS_TOKEN' });
  });

  it('catches a copy of the device that uses its stale state after the original advanced', () => {
    let { device: original, state, random } = enrol('copy later');
    const clone = original.copy();
    for (let round = 1; round <= 3; round++) state = sign(original, state, `tx-${round}`, random);
    const decision = decideCloneToken(
      state,
      { presentedToken: clone.token, requestBytes: requestFor('tx-clone', random) },
      random,
    );
    expect(decision).toEqual({ outcome: 'CLONE', evidence: 'RETIRED_TOKEN' });
  });

  it('refuses a token the server never issued as INVALID, not as a clone', () => {
    const { device, state, random } = enrol('unknown');
    const advanced = sign(device, state, 'tx-1', random);
    const decision = decideCloneToken(
      advanced,
      { presentedToken: generateCloneToken(random), requestBytes: requestFor('tx-2', random) },
      random,
    );
    expect(decision).toEqual({ outcome: 'INVALID' });
  });

  it('refuses the current token with one bit changed', () => {
    const { device, state, random } = enrol('one bit');
    const forged = device.token.slice();
    forged[31]! ^= 0x80;
    const decision = decideCloneToken(
      state,
      { presentedToken: forged, requestBytes: requestFor('tx-1', random) },
      random,
    );
    expect(decision.outcome).toBe('INVALID');
  });

  it(`remembers ${CLONE_TOKEN_HISTORY} retired tokens and forgets older ones`, () => {
    let { device, state, random } = enrol('history');
    const tokens: Uint8Array[] = [device.token];
    for (let round = 1; round <= CLONE_TOKEN_HISTORY + 3; round++) {
      state = sign(device, state, `tx-${round}`, random);
      tokens.push(device.token);
    }
    expect(state.retiredHashes.length).toBe(CLONE_TOKEN_HISTORY);
    const present = (token: Uint8Array) =>
      decideCloneToken(state, { presentedToken: token, requestBytes: requestFor('tx-x', random) }, random)
        .outcome;
    const current = tokens.length - 1;
    expect(present(tokens[current]!)).toBe('ACCEPT');
    expect(present(tokens[current - 1]!)).toBe('CLONE');
    expect(present(tokens[current - 1 - CLONE_TOKEN_HISTORY]!)).toBe('CLONE');
    expect(present(tokens[current - 2 - CLONE_TOKEN_HISTORY]!)).toBe('INVALID');
  });

  it('leaves the state it was given untouched', () => {
    const { device, state, random } = enrol('pure');
    const advanced = sign(device, state, 'tx-1', random);
    const snapshot = structuredClone(advanced);
    decideCloneToken(
      advanced,
      { presentedToken: device.token, requestBytes: requestFor('tx-2', random) },
      random,
    );
    expect(advanced).toEqual(snapshot);
  });

  it('reproduces the checked-in response vector, which the device opens to the next token', () => {
    const vector = loadCloneTokenVector();
    const requestBytes = encodeLengthPrefixed(vector.requestFields);
    expect(toHex(requestBytes)).toBe(vector.requestBytesHex);
    const state = createCloneTokenState(fromHex(vector.tokenHex));
    expect(toHex(state.currentHash)).toBe(vector.tokenHashHex);
    const decision = expectOutcome(
      decideCloneToken(
        state,
        { presentedToken: fromHex(vector.tokenHex), requestBytes },
        fixedRandom(vector.nextTokenHex),
      ),
      'ACCEPT',
    );
    expect(toHex(decision.response)).toBe(vector.responseHex);
    expect(toHex(decision.state.currentHash)).toBe(vector.nextTokenHashHex);
    expect(toHex(decision.state.previous!.requestDigest)).toBe(vector.requestDigestHex);
    const next = openNextCloneToken({
      token: fromHex(vector.tokenHex),
      requestBytes,
      response: decision.response,
    });
    expect(toHex(next)).toBe(vector.nextTokenHex);
  });

  it('throws INVALID_ARGUMENT for a token of the wrong size or a malformed state', () => {
    const { device, state, random } = enrol('malformed');
    const requestBytes = requestFor('tx-1', random);
    const decide = (s: CloneTokenState, token: Uint8Array) => () =>
      decideCloneToken(s, { presentedToken: token, requestBytes }, random);
    expect(errorCodeOf(decide(state, device.token.subarray(0, 31)))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(decide({ ...state, currentHash: new Uint8Array(31) }, device.token))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCodeOf(decide({ ...state, retiredHashes: 'none' as never }, device.token))).toBe(
      'INVALID_ARGUMENT',
    );
    const prev = {
      tokenHash: new Uint8Array(32),
      requestDigest: new Uint8Array(32),
      response: new Uint8Array(64),
    };
    expect(errorCodeOf(decide({ ...state, previous: prev }, device.token))).toBe('INVALID_ARGUMENT');
    expect(
      errorCodeOf(() =>
        decideCloneToken(state, { presentedToken: device.token, requestBytes: 'bytes' as never }, random),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => createCloneTokenState(new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
    expect(errorCodeOf(() => generateCloneToken(() => new Uint8Array(16)))).toBe('INVALID_ARGUMENT');
  });
});

describe('openNextCloneToken', () => {
  const { device, state, random } = enrol('device side');
  const requestBytes = requestFor('tx-1', random);
  const { response } = expectOutcome(
    decideCloneToken(state, { presentedToken: device.token, requestBytes }, random),
    'ACCEPT',
  );
  const open = (input: { token?: Uint8Array; requestBytes?: Uint8Array; response?: Uint8Array }) => () =>
    openNextCloneToken({ token: device.token, requestBytes, response, ...input });

  it('opens the response to its own request (the baseline for the refusals below)', () => {
    expect(errorCodeOf(open({}))).toBeUndefined();
  });

  it.each([0, 1, 32, 33, 64])('refuses a response with byte %i changed', (at) => {
    const tampered = response.slice();
    tampered[at]! ^= 0x01;
    expect(errorCodeOf(open({ response: tampered }))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses a truncated or extended response', () => {
    expect(errorCodeOf(open({ response: response.subarray(0, 64) }))).toBe('MALFORMED_CIPHERTEXT');
    const longer = new Uint8Array(66);
    longer.set(response);
    expect(errorCodeOf(open({ response: longer }))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses a response meant for another request or another token', () => {
    expect(errorCodeOf(open({ requestBytes: requestFor('tx-1', random) }))).toBe('MALFORMED_CIPHERTEXT');
    expect(errorCodeOf(open({ token: generateCloneToken(random) }))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('throws INVALID_ARGUMENT for a token of the wrong size', () => {
    expect(errorCodeOf(open({ token: new Uint8Array(33) }))).toBe('INVALID_ARGUMENT');
  });
});
