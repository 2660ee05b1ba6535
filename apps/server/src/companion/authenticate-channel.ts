import { timingSafeEqual } from 'node:crypto';
import type { CompanionChannel, CompanionSide } from '@tessera/core';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { CompanionDeps } from './companion-deps.js';
import { hashChannelToken } from './hash-channel-token.js';

function sameHash(a: string, b: string | null): boolean {
  if (b === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Which side of which channel a relay request comes from, by its `Authorization: Bearer` channel credential.
 * No credential: 401 `CHANNEL_CREDENTIAL_REQUIRED`. An unknown channel or a credential of neither side: 404
 * `CHANNEL_NOT_FOUND` (a guess learns nothing). A channel either side unpaired: 410 `UNPAIRED`.
 */
export async function authenticateChannel(
  deps: Pick<CompanionDeps, 'companions'>,
  request: FastifyRequest,
  channelId: string,
): Promise<{ channel: CompanionChannel; side: CompanionSide }> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header) : null;
  if (match === null) {
    throw new HttpError(
      401,
      'CHANNEL_CREDENTIAL_REQUIRED',
      'The channel credential is missing: send "Authorization: Bearer <token>".',
    );
  }
  const channel = await deps.companions.get(channelId);
  const hash = hashChannelToken(match[1]!);
  const side: CompanionSide | undefined =
    channel === undefined
      ? undefined
      : sameHash(hash, channel.phoneTokenHash)
        ? 'phone'
        : sameHash(hash, channel.watchTokenHash)
          ? 'watch'
          : undefined;
  if (channel === undefined || side === undefined) {
    throw new HttpError(404, 'CHANNEL_NOT_FOUND', 'There is no such channel for this credential.');
  }
  if (channel.unpairedAt !== null) {
    throw new HttpError(410, 'UNPAIRED', 'The phone and the watch were unpaired; pair them again.');
  }
  return { channel, side };
}
