/**
 * Web Push to the app (RFC 8030, payload encryption RFC 8291 `aes128gcm`, VAPID RFC 8292): the deployment's VAPID
 * key pair, made at the first start and kept in the store, and the "transactions pending" message sent to each
 * notified device that has a subscription. `web-push` builds the encrypted request; it is sent with fetch, so a
 * local fake push service (plain http on loopback, tests only) can receive it too.
 */
import type { WebPushStore } from '@tessera/core';
import type { PushMessage } from '@tessera/protocol';
import webPush from 'web-push';
import type { ServerMetrics } from '../metrics/create-server-metrics.js';

/** How long a message waits at the push service for the device: a pending transaction is short-lived. */
export const WEB_PUSH_TTL_SECONDS = 60;

/** How long one request to a push service may take before it counts as failed. */
const SEND_TIMEOUT_MS = 10_000;

/** The outcome of one message: accepted, the subscription is gone (404/410, forgotten), or anything else. */
export type WebPushResult = 'sent' | 'gone' | 'failed';

/** What sending Web Push needs. */
export interface WebPushSenderOptions {
  readonly store: WebPushStore;
  /** The VAPID `sub` claim: a `mailto:` or `https:` contact for the push services. */
  readonly subject: string;
  readonly metrics?: Pick<ServerMetrics, 'countWebPush'>;
  /** Told of each failed send, for the log: the device and why, never the endpoint (a capability) or keys. */
  readonly onFailure?: (failure: WebPushFailure) => void;
  /** The HTTP client (tests may count requests); global fetch by default. */
  readonly fetch?: typeof fetch;
}

/** One failed send: the push service's status, or why there was none (`ECONNREFUSED`, `TimeoutError`, …). */
export interface WebPushFailure {
  readonly deviceId: string;
  readonly status: number | null;
  readonly reason: string;
}

/** Why a request failed, without the URL or anything else that came with it. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}

/** Sends Web Push on behalf of the deployment. */
export interface WebPushSender {
  /** The VAPID application server key, base64url of the uncompressed P-256 point (the server information's). */
  readonly publicKey: string;
  /**
   * Sends `{"type":"transactions-pending"}` to each device's subscription, in the background: returns at once,
   * never throws; outcomes are counted, failures reported to `onFailure`.
   */
  notify(deviceIds: readonly string[]): void;
  /** Resolves when every send started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
}

const MESSAGE: PushMessage = { type: 'transactions-pending' };

/** Reads (on the first start: makes and stores) the VAPID key pair and returns the sender. */
export async function openWebPushSender(options: WebPushSenderOptions): Promise<WebPushSender> {
  const vapid = await options.store.ensureVapidKeys(() => webPush.generateVAPIDKeys());
  const send = options.fetch ?? fetch;
  const inFlight = new Set<Promise<void>>();
  const payload = JSON.stringify(MESSAGE);

  async function sendTo(deviceId: string): Promise<WebPushResult | undefined> {
    const subscription = await options.store.getSubscription(deviceId);
    if (subscription === undefined) return undefined;
    const request = webPush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: subscription.keys },
      payload,
      {
        vapidDetails: { subject: options.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        contentEncoding: 'aes128gcm',
        TTL: WEB_PUSH_TTL_SECONDS,
        urgency: 'high',
      },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
    const response = await send(request.endpoint, {
      method: request.method,
      headers,
      body: new Uint8Array(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return 'sent';
    if (response.status === 404 || response.status === 410) {
      await options.store.deleteSubscription(deviceId, subscription.endpoint);
      return 'gone';
    }
    options.onFailure?.({ deviceId, status: response.status, reason: `HTTP ${response.status}` });
    return 'failed';
  }

  return {
    publicKey: vapid.publicKey,
    notify(deviceIds) {
      for (const deviceId of new Set(deviceIds)) {
        const sending = sendTo(deviceId)
          .catch((error: unknown) => {
            options.onFailure?.({ deviceId, status: null, reason: reasonOf(error) });
            return 'failed' as const;
          })
          .then((result) => {
            if (result !== undefined) options.metrics?.countWebPush(result);
          })
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
