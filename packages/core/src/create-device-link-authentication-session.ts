import type { RandomSource } from '@tessera/crypto';
import {
  type DeviceLinkAuthenticationRequest,
  generateSessionId,
  generateSessionSecret,
  generateSessionToken,
} from '@tessera/protocol';
import { CoreError } from './core-error.js';
import type { Clock, SessionStore } from './ports.js';
import type { RelyingParty } from './relying-party.js';
import type { RpSession } from './rp-session.js';

/** What creating a session needs from the world. */
export interface CreateSessionDeps {
  readonly sessions: SessionStore;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** How long a session waits for the person before it ends with TIMEOUT. */
  readonly sessionTimeoutMs: number;
}

/**
 * Starts a device-link authentication session (RP API v3 endpoint 1, anonymous) for an authenticated RP:
 * checks what the RP may ask for, then stores a RUNNING session with a fresh id, token and secret.
 * Throws CoreError('RELYING_PARTY_FORBIDDEN') for ADVANCED accounts or IP sharing the RP may not ask for.
 */
export async function createDeviceLinkAuthenticationSession(
  { sessions, clock, random, sessionTimeoutMs }: CreateSessionDeps,
  rp: RelyingParty,
  request: DeviceLinkAuthenticationRequest,
): Promise<RpSession> {
  if (request.certificateLevel === 'ADVANCED' && !rp.permissions.advancedAccounts) {
    throw new CoreError('RELYING_PARTY_FORBIDDEN', 'The relying party may not ask for ADVANCED accounts.');
  }
  if (request.requestProperties?.shareMdClientIpAddress === true && !rp.permissions.shareDeviceIpAddress) {
    throw new CoreError(
      'RELYING_PARTY_FORBIDDEN',
      'The relying party may not ask for the device IP address.',
    );
  }
  const now = clock.now();
  const session: RpSession = {
    id: generateSessionId(random),
    relyingPartyId: rp.id,
    relyingPartyName: request.relyingPartyName,
    kind: 'authentication',
    flow: 'device-link',
    request: request as unknown as Record<string, unknown>,
    sessionToken: generateSessionToken(random),
    sessionSecret: generateSessionSecret(random),
    state: 'RUNNING',
    transaction: null,
    result: null,
    version: 1,
    createdAt: now,
    expiresAt: now + sessionTimeoutMs,
    completedAt: null,
  };
  await sessions.insert(session);
  return session;
}
