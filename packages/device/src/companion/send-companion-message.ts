import { encodeBase64url, type RandomSource } from '@tessera/crypto';
import { RELAY_API_ENDPOINTS } from '@tessera/protocol';
import { type CompanionChannelState, nextSendCounter } from './companion-channel-state.js';
import { type RelayFetch, relayPath, relayRequest } from './relay-request.js';
import { type CompanionDirection, sealCompanionMessage } from './seal-companion-message.js';

/** Sends from one state are queued, so counters reach the relay in the order they were drawn. */
const queues = new WeakMap<CompanionChannelState, Promise<unknown>>();

/**
 * Seals `message` under the next send counter and posts it to the relay. Updates `state.sendCounter` (the
 * caller persists the state). Sends from one state object run one after the other.
 */
export function sendCompanionMessage(
  link: { fetch: RelayFetch; baseUrl: string; now: () => number; random: RandomSource },
  state: CompanionChannelState,
  direction: CompanionDirection,
  message: object,
): Promise<void> {
  const previous = queues.get(state) ?? Promise.resolve();
  const sending = previous
    .catch(() => {})
    .then(async () => {
      const counter = nextSendCounter(state, link.now());
      const sealed = await sealCompanionMessage({
        key: state.sendKey,
        channelId: state.channelId,
        direction,
        counter,
        plaintext: new TextEncoder().encode(JSON.stringify(message)),
        random: link.random,
      });
      await relayRequest(link.fetch, link.baseUrl, {
        method: RELAY_API_ENDPOINTS.postMessage.method,
        path: relayPath(RELAY_API_ENDPOINTS.postMessage.path, { channelId: state.channelId }),
        token: state.token,
        body: { ciphertext: encodeBase64url(sealed) },
      });
    });
  queues.set(state, sending);
  return sending;
}
