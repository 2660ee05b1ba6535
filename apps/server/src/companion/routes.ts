/**
 * Watch companion (docs/protocol.md, "Watch companion"; ADR 0009): the phone opens a pairing with a signed app
 * API request, the watch claims it with the eight-digit code, both exchange public keys through a
 * commit-then-reveal handshake and confirm the short authentication string, and from then on the relay keeps a
 * bounded mailbox per side of opaque ciphertexts. The server never holds a key that opens them.
 */
import { randomBytes } from 'node:crypto';
import { type CompanionChannel, type CompanionSide, CoreError } from '@tessera/core';
import { encodeBase64url } from '@tessera/crypto';
import {
  type ClaimPairingResponse,
  type CreateCompanionPairingResponse,
  computePhoneCommitment,
  type PairingStatusResponse,
  type PostRelayMessageResponse,
  RELAY_LIMITS,
  type RelayMessagesResponse,
} from '@tessera/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { type Static, Type } from 'typebox';
import { authenticateDevice } from '../app-api/authenticate-device.js';
import { HttpError } from '../http-error.js';
import { authenticateChannel } from './authenticate-channel.js';
import { type ClaimRateLimit, type CompanionDeps, DEFAULT_CLAIM_RATE_LIMIT } from './companion-deps.js';
import { companionWakeKey } from './companion-wake-key.js';
import { generatePairingCode } from './generate-pairing-code.js';
import { hashChannelToken } from './hash-channel-token.js';
import { toPairingStatus } from './to-pairing-status.js';
import { unpairChannel } from './unpair-channel.js';

/** Options of the companion plugin. */
export interface CompanionRoutesOptions {
  readonly deps: CompanionDeps;
  readonly claimRateLimit?: ClaimRateLimit;
}

const Base64url = (minLength: number, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength, maxLength });
/** A raw uncompressed P-256 point, 65 octets. */
const PublicKey = Type.String({ pattern: '^[A-Za-z0-9_-]{87}$' });
const Digest = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

const CreatePairingBody = Type.Object({ phoneCommitment: Digest }, { additionalProperties: false });
const CodeParams = Type.Object({ pairingCode: Type.String({ pattern: '^[0-9]{8}$' }) });
const PairingParams = Type.Object({ pairingId: Base64url(1, 64) });
const ChannelParams = Type.Object({ channelId: Base64url(1, 64) });
const PairingQuery = Type.Object({
  waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: RELAY_LIMITS.maxWaitMs })),
  afterVersion: Type.Optional(Type.Integer({ minimum: 0 })),
});
const WatchKeyBody = Type.Object({ watchPublicKey: PublicKey }, { additionalProperties: false });
const PhoneKeyBody = Type.Object(
  { phonePublicKey: PublicKey, phoneNonce: Digest },
  { additionalProperties: false },
);
const MessageBody = Type.Object(
  // base64url of at most maxCiphertextBytes octets.
  { ciphertext: Base64url(1, Math.floor((RELAY_LIMITS.maxCiphertextBytes * 4) / 3) + 1) },
  { additionalProperties: false },
);
const MessagesQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: RELAY_LIMITS.maxWaitMs })),
});
const WatchStateBody = Type.Object({ locked: Type.Boolean() }, { additionalProperties: false });

const relayDoc = (summary: string, extra: Record<string, unknown> = {}) => ({
  tags: ['relay'],
  summary,
  ...extra,
});

const newToken = () => randomBytes(32).toString('base64url');
const other = (side: CompanionSide): CompanionSide => (side === 'phone' ? 'watch' : 'phone');
/** Tombstones of unpaired channels are kept this long, so both ends learn why the channel is gone. */
const TOMBSTONE_MS = 7 * 24 * 3_600_000;
/** Purges run at most this often per process. */
const PURGE_EVERY_MS = 30_000;

/** The pairing route under /app/v1 and the relay under /relay/v1. */
export const companionRoutes: FastifyPluginAsync<CompanionRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const limit = options.claimRateLimit ?? DEFAULT_CLAIM_RATE_LIMIT;

  // The phone's request is a signed app API request: its signature covers the exact body bytes.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    (request as typeof request & { rawBody?: Buffer }).rawBody = body as Buffer;
    try {
      done(null, (body as Buffer).length === 0 ? undefined : JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new HttpError(400, 'MALFORMED_JSON', 'The body is not valid JSON.'), undefined);
    }
  });

  let lastPurge = Number.NEGATIVE_INFINITY;
  async function purgeNow(): Promise<void> {
    const now = deps.clock.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    await deps.companions.purge({
      pairingsBefore: now,
      tombstonesBefore: now - TOMBSTONE_MS,
      messagesBefore: now - RELAY_LIMITS.messageTtlMs,
      failuresBefore: now - limit.windowMs,
    });
  }

  function notify(channelId: string, ...what: (CompanionSide | 'pairing')[]): void {
    for (const w of what) deps.waiter.notify(companionWakeKey(channelId, w));
  }

  /** A pairing that is still being made: not expired (410 `PAIRING_EXPIRED`). */
  function assertPairingOpen(channel: CompanionChannel): void {
    if (channel.confirmedAt === null && deps.clock.now() >= channel.expiresAt) {
      throw new HttpError(410, 'PAIRING_EXPIRED', 'The pairing expired before both sides confirmed it.');
    }
  }

  /** A live channel: both sides confirmed (409 `CHANNEL_NOT_CONFIRMED`). */
  function assertConfirmed(channel: CompanionChannel): void {
    if (channel.confirmedAt === null) {
      throw new HttpError(
        409,
        'CHANNEL_NOT_CONFIRMED',
        'The pairing is not confirmed on both sides yet; the channel carries no messages.',
      );
    }
  }

  /** Waits on `key` until `ready()` or the deadline; re-checks each second, so another node's change is seen too. */
  async function longPoll<T>(
    request: { raw: { once(event: 'close', listener: () => void): unknown } },
    key: string,
    waitMs: number,
    read: () => Promise<{ ready: boolean; value: T }>,
  ): Promise<T> {
    const closed = new AbortController();
    request.raw.once('close', () => closed.abort());
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { ready, value } = await read();
      const left = deadline - Date.now();
      if (ready || left <= 0 || closed.signal.aborted) return value;
      await deps.waiter.wait(key, Math.min(left, 1000), closed.signal);
    }
  }

  app.post<{ Body: Static<typeof CreatePairingBody> }>(
    '/app/v1/companion-pairings',
    {
      schema: {
        tags: ['app-api'],
        summary:
          'Open a watch pairing with the phone’s commitment: the eight-digit code to show, and the phone’s relay credential.',
        body: CreatePairingBody,
      },
    },
    async (request): Promise<CreateCompanionPairingResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      await purgeNow();
      const now = deps.clock.now();
      const phoneToken = newToken();
      for (let attempt = 0; ; attempt++) {
        const channel: CompanionChannel = {
          id: encodeBase64url(deps.random(16)),
          phoneDeviceId: deviceId,
          pairingCode: generatePairingCode(deps.random),
          phoneCommitment: request.body.phoneCommitment,
          phoneTokenHash: hashChannelToken(phoneToken),
          watchTokenHash: null,
          watchPublicKey: null,
          phonePublicKey: null,
          phoneNonce: null,
          phoneConfirmed: false,
          watchConfirmed: false,
          watchLocked: false,
          version: 1,
          createdAt: now,
          expiresAt: now + RELAY_LIMITS.pairingTtlMs,
          confirmedAt: null,
          unpairedAt: null,
        };
        try {
          await deps.companions.insert(channel);
        } catch (error) {
          // Another open pairing drew the same code: draw again (a few times at most).
          if (error instanceof CoreError && error.code === 'PAIRING_CODE_TAKEN' && attempt < 5) continue;
          throw error;
        }
        return {
          pairingId: channel.id,
          pairingCode: channel.pairingCode!,
          expiresAt: new Date(channel.expiresAt).toISOString(),
          phoneToken,
        };
      }
    },
  );

  app.post<{ Params: Static<typeof CodeParams> }>(
    '/relay/v1/pairings/:pairingCode/claim',
    {
      schema: relayDoc(
        'The watch claims a pairing by its code (no credential): its relay credential and the phone’s commitment. Wrong codes are rate limited.',
        { params: CodeParams },
      ),
    },
    async (request, reply): Promise<ClaimPairingResponse> => {
      const now = deps.clock.now();
      await purgeNow();
      const counts = await deps.companions.countClaimFailures(request.ip, now - limit.windowMs);
      if (counts.fromIp >= limit.perIp || counts.total >= limit.total) {
        reply.header('retry-after', String(Math.ceil(limit.windowMs / 1000)));
        throw new HttpError(
          429,
          'TOO_MANY_PAIRING_ATTEMPTS',
          'Too many wrong pairing codes; wait a few minutes and try again.',
        );
      }
      const refuse = async () => {
        await deps.companions.recordClaimFailure(request.ip, now);
        return new HttpError(
          404,
          'PAIRING_NOT_FOUND',
          'No open pairing has this code. A code is valid once, for 5 minutes: start a new pairing on the phone.',
        );
      };
      const found = await deps.companions.findByPairingCode(request.params.pairingCode);
      if (found === undefined || now >= found.expiresAt) throw await refuse();
      const watchToken = newToken();
      let claimed = false;
      const channel = await deps.companions.update(found.id, (c) => {
        if (c.pairingCode !== request.params.pairingCode || c.watchTokenHash !== null) return undefined;
        claimed = true;
        return { ...c, pairingCode: null, watchTokenHash: hashChannelToken(watchToken) };
      });
      if (!claimed) throw await refuse();
      notify(channel.id, 'pairing');
      return {
        pairingId: channel.id,
        watchToken,
        phoneCommitment: channel.phoneCommitment,
        expiresAt: new Date(channel.expiresAt).toISOString(),
      };
    },
  );

  app.get<{ Params: Static<typeof PairingParams>; Querystring: Static<typeof PairingQuery> }>(
    '/relay/v1/pairings/:pairingId',
    {
      schema: relayDoc(
        'The pairing’s public state (keys, nonce, confirmations); a long poll with waitMs for a version above afterVersion.',
        { params: PairingParams, querystring: PairingQuery },
      ),
    },
    async (request): Promise<PairingStatusResponse> => {
      const { pairingId } = request.params;
      const after = request.query.afterVersion ?? 0;
      return longPoll(
        request,
        companionWakeKey(pairingId, 'pairing'),
        request.query.waitMs ?? 0,
        async () => {
          const { channel } = await authenticateChannel(deps, request, pairingId);
          if (channel.version <= after) assertPairingOpen(channel);
          return { ready: channel.version > after, value: toPairingStatus(channel) };
        },
      );
    },
  );

  app.put<{ Params: Static<typeof PairingParams>; Body: Static<typeof WatchKeyBody> }>(
    '/relay/v1/pairings/:pairingId/watch-key',
    {
      schema: relayDoc(
        'The watch’s ECDH public key, sent once it holds the phone’s commitment (the watch only).',
        { params: PairingParams, body: WatchKeyBody },
      ),
    },
    async (request, reply) => {
      const { channel, side } = await authenticateChannel(deps, request, request.params.pairingId);
      if (side !== 'watch') throw new HttpError(403, 'WATCH_ONLY', 'Only the watch sends the watch key.');
      assertPairingOpen(channel);
      const { watchPublicKey } = request.body;
      await deps.companions.update(channel.id, (c) => {
        if (c.watchPublicKey === watchPublicKey) return undefined;
        if (c.watchPublicKey !== null) {
          throw new HttpError(409, 'PAIRING_STEP_DONE', 'The watch key was already sent.');
        }
        return { ...c, watchPublicKey };
      });
      notify(channel.id, 'pairing');
      return reply.status(204).send();
    },
  );

  app.put<{ Params: Static<typeof PairingParams>; Body: Static<typeof PhoneKeyBody> }>(
    '/relay/v1/pairings/:pairingId/phone-key',
    {
      schema: relayDoc(
        'The phone reveals its ECDH public key and nonce after the watch key arrived; they must match its commitment (the phone only).',
        { params: PairingParams, body: PhoneKeyBody },
      ),
    },
    async (request, reply) => {
      const { channel, side } = await authenticateChannel(deps, request, request.params.pairingId);
      if (side !== 'phone') throw new HttpError(403, 'PHONE_ONLY', 'Only the phone reveals the phone key.');
      assertPairingOpen(channel);
      const { phonePublicKey, phoneNonce } = request.body;
      if (computePhoneCommitment(phonePublicKey, phoneNonce) !== channel.phoneCommitment) {
        throw new HttpError(400, 'COMMITMENT_MISMATCH', 'The key and nonce do not match the commitment.');
      }
      await deps.companions.update(channel.id, (c) => {
        if (c.watchPublicKey === null) {
          throw new HttpError(
            409,
            'WATCH_KEY_MISSING',
            'The phone reveals its key only after the watch key.',
          );
        }
        if (c.phonePublicKey === phonePublicKey && c.phoneNonce === phoneNonce) return undefined;
        return { ...c, phonePublicKey, phoneNonce };
      });
      notify(channel.id, 'pairing');
      return reply.status(204).send();
    },
  );

  app.post<{ Params: Static<typeof PairingParams> }>(
    '/relay/v1/pairings/:pairingId/confirmation',
    {
      schema: relayDoc(
        'This side confirms that both screens show the same short authentication string; the channel is live once both did.',
        { params: PairingParams },
      ),
    },
    async (request): Promise<PairingStatusResponse> => {
      const { channel, side } = await authenticateChannel(deps, request, request.params.pairingId);
      assertPairingOpen(channel);
      const now = deps.clock.now();
      const saved = await deps.companions.update(channel.id, (c) => {
        if (c.phonePublicKey === null) {
          throw new HttpError(409, 'PAIRING_INCOMPLETE', 'Both keys must be exchanged before confirming.');
        }
        const next = {
          ...c,
          phoneConfirmed: c.phoneConfirmed || side === 'phone',
          watchConfirmed: c.watchConfirmed || side === 'watch',
        };
        if (next.phoneConfirmed === c.phoneConfirmed && next.watchConfirmed === c.watchConfirmed)
          return undefined;
        return { ...next, confirmedAt: next.phoneConfirmed && next.watchConfirmed ? now : null };
      });
      notify(channel.id, 'pairing');
      return toPairingStatus(saved);
    },
  );

  app.post<{ Params: Static<typeof ChannelParams>; Body: Static<typeof MessageBody> }>(
    '/relay/v1/channels/:channelId/messages',
    {
      schema: relayDoc(
        'Queue a ciphertext for the other side. Refused while the watch is locked (to the watch) or the mailbox is full.',
        { params: ChannelParams, body: MessageBody },
      ),
    },
    async (request): Promise<PostRelayMessageResponse> => {
      const { channel, side } = await authenticateChannel(deps, request, request.params.channelId);
      assertConfirmed(channel);
      const recipient = other(side);
      const seq = await deps.companions.appendMessage(
        {
          channelId: channel.id,
          recipient,
          ciphertext: request.body.ciphertext,
          createdAt: deps.clock.now(),
        },
        (current, queued) => {
          if (current.unpairedAt !== null) throw new HttpError(410, 'UNPAIRED', 'The channel was unpaired.');
          if (recipient === 'watch' && current.watchLocked) {
            throw new HttpError(409, 'WATCH_LOCKED', 'The watch is locked: it receives nothing.');
          }
          if (queued >= RELAY_LIMITS.maxQueuedMessages) {
            throw new HttpError(409, 'MAILBOX_FULL', 'The other side has too many unread messages.');
          }
        },
      );
      notify(channel.id, recipient);
      return { seq };
    },
  );

  app.get<{ Params: Static<typeof ChannelParams>; Querystring: Static<typeof MessagesQuery> }>(
    '/relay/v1/channels/:channelId/messages',
    {
      schema: relayDoc(
        'The messages for the caller after a seq (which acknowledges and deletes those up to it); a long poll with waitMs.',
        { params: ChannelParams, querystring: MessagesQuery },
      ),
    },
    async (request): Promise<RelayMessagesResponse> => {
      const { channelId } = request.params;
      const { channel, side } = await authenticateChannel(deps, request, channelId);
      assertConfirmed(channel);
      const after = request.query.after ?? 0;
      if (after > 0) await deps.companions.deleteMessages(channel.id, side, after);
      const oldest = deps.clock.now() - RELAY_LIMITS.messageTtlMs;
      return longPoll(request, companionWakeKey(channel.id, side), request.query.waitMs ?? 0, async () => {
        // Unpaired meanwhile: this poll answers 410 at once.
        await authenticateChannel(deps, request, channelId);
        const messages = (
          await deps.companions.listMessages(channel.id, side, after, RELAY_LIMITS.maxQueuedMessages)
        ).filter((m) => m.createdAt >= oldest);
        return {
          ready: messages.length > 0,
          value: { messages: messages.map((m) => ({ seq: m.seq, ciphertext: m.ciphertext })) },
        };
      });
    },
  );

  app.put<{ Params: Static<typeof ChannelParams>; Body: Static<typeof WatchStateBody> }>(
    '/relay/v1/channels/:channelId/watch-state',
    {
      schema: relayDoc(
        'The watch locks or unlocks itself; locking drops what waits for it, and while locked it receives nothing (the watch only).',
        { params: ChannelParams, body: WatchStateBody },
      ),
    },
    async (request, reply) => {
      const { channel, side } = await authenticateChannel(deps, request, request.params.channelId);
      if (side !== 'watch') throw new HttpError(403, 'WATCH_ONLY', 'Only the watch sets its lock state.');
      assertConfirmed(channel);
      const { locked } = request.body;
      await deps.companions.update(channel.id, (c) =>
        c.watchLocked === locked ? undefined : { ...c, watchLocked: locked },
      );
      if (locked) await deps.companions.deleteMessages(channel.id, 'watch', Number.POSITIVE_INFINITY);
      notify(channel.id, 'watch');
      return reply.status(204).send();
    },
  );

  app.delete<{ Params: Static<typeof ChannelParams> }>(
    '/relay/v1/channels/:channelId',
    {
      schema: relayDoc(
        'Unpair (either side, also to reject a pairing): both credentials stop working and the other side learns it on its next poll (410 UNPAIRED).',
        { params: ChannelParams },
      ),
    },
    async (request, reply) => {
      const { channel } = await authenticateChannel(deps, request, request.params.channelId);
      await unpairChannel(deps, channel.id);
      return reply.status(204).send();
    },
  );
};
