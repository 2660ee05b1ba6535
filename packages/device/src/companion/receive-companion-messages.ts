import { CryptoError, decodeBase64url } from '@tessera/crypto';
import { RELAY_API_ENDPOINTS, RELAY_LIMITS, type RelayMessagesResponse } from '@tessera/protocol';
import { DeviceError } from '../device-error.js';
import type { CompanionChannelState } from './companion-channel-state.js';
import { openCompanionMessage } from './open-companion-message.js';
import type { RelayFetch } from './relay-request.js';
import { relayPath, relayRequest } from './relay-request.js';
import type { CompanionDirection } from './seal-companion-message.js';

/**
 * One long poll of this side's mailbox: acknowledges what was received before (`after = state.lastSeq`), opens
 * each new message and reads it with `read`. A message that does not authenticate, is replayed or is not
 * understood is dropped and counted in `rejected`. Updates `state.lastSeq` and `state.receiveCounter` (the
 * caller persists the state).
 */
export async function receiveCompanionMessages<T>(
  link: { fetch: RelayFetch; baseUrl: string },
  state: CompanionChannelState,
  direction: CompanionDirection,
  read: (plaintext: Uint8Array) => T,
  options: { waitMs?: number; signal?: AbortSignal } = {},
): Promise<{ messages: T[]; rejected: number }> {
  const waitMs = Math.min(
    Math.max(0, Math.round(options.waitMs ?? RELAY_LIMITS.maxWaitMs)),
    RELAY_LIMITS.maxWaitMs,
  );
  const path = relayPath(RELAY_API_ENDPOINTS.getMessages.path, { channelId: state.channelId });
  const answer = (await relayRequest(link.fetch, link.baseUrl, {
    method: RELAY_API_ENDPOINTS.getMessages.method,
    path: `${path}?after=${state.lastSeq}&waitMs=${waitMs}`,
    token: state.token,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })) as Partial<RelayMessagesResponse> | null;
  if (!Array.isArray(answer?.messages)) {
    throw new DeviceError('INVALID_RESPONSE', 'The relay answer lacks the messages.');
  }
  const messages: T[] = [];
  let rejected = 0;
  for (const m of answer.messages) {
    if (typeof m?.seq !== 'number' || typeof m.ciphertext !== 'string' || m.seq <= state.lastSeq) continue;
    state.lastSeq = m.seq;
    try {
      const opened = await openCompanionMessage({
        key: state.receiveKey,
        channelId: state.channelId,
        direction,
        lastCounter: state.receiveCounter,
        sealed: decodeBase64url(m.ciphertext),
      });
      const message = read(opened.plaintext);
      state.receiveCounter = opened.counter;
      messages.push(message);
    } catch (error) {
      if (!(error instanceof DeviceError) && !(error instanceof CryptoError)) throw error;
      rejected++;
    }
  }
  return { messages, rejected };
}
