import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Url } from './base64.js';
import { computeUserChallenge } from './compute-user-challenge.js';
import { generateRpChallenge } from './generate-rp-challenge.js';
import { generateServerRandom } from './generate-server-random.js';
import { generateSessionId } from './generate-session-id.js';
import { generateSessionSecret } from './generate-session-secret.js';
import { generateSessionToken } from './generate-session-token.js';
import { generateUserChallengeVerifier } from './generate-user-challenge-verifier.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { replayRandom, seededRandom } from './test-support/seeded-random.js';

describe('generated session values', () => {
  const random = seededRandom('session-values');

  it('makes v4 UUID session ids', () => {
    for (let i = 0; i < 50; i++) {
      expect(generateSessionId(random)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('makes 32-character alphanumeric session tokens using the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const token = generateSessionToken(random);
      expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
      for (const c of token) seen.add(c);
    }
    expect(seen.size).toBe(62);
  });

  it('makes session secrets of 32 bytes and server randoms of at least 24 characters', () => {
    expect(decodeBase64(generateSessionSecret(random))).toHaveLength(32);
    const serverRandom = generateServerRandom(random);
    expect(serverRandom.length).toBeGreaterThanOrEqual(24);
    expect(decodeBase64(serverRandom)).toHaveLength(24);
  });

  it('makes 43-character verifiers whose userChallenge is also 43 characters', () => {
    const verifier = generateUserChallengeVerifier(random);
    expect(decodeBase64Url(verifier)).toHaveLength(32);
    expect(computeUserChallenge(verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes rpChallenges of 64 bytes by default and refuses sizes outside 32–64', () => {
    expect(generateRpChallenge(random)).toHaveLength(88);
    expect(generateRpChallenge(random, 32)).toHaveLength(44);
    expectProtocolError(() => generateRpChallenge(random, 16), 'INVALID_ARGUMENT');
    expectProtocolError(() => generateRpChallenge(random, 65), 'INVALID_ARGUMENT');
  });

  it('is reproducible from a seed and differs between seeds', () => {
    expect(generateSessionToken(seededRandom('a'))).toBe(generateSessionToken(seededRandom('a')));
    expect(generateSessionToken(seededRandom('a'))).not.toBe(generateSessionToken(seededRandom('b')));
  });

  it('refuses a broken random source', () => {
    expectProtocolError(() => generateSessionToken(replayRandom([0xff])), 'RANDOM_SOURCE_FAILURE');
    expectProtocolError(() => generateSessionSecret(() => new Uint8Array(31)), 'RANDOM_SOURCE_FAILURE');
  });
});
