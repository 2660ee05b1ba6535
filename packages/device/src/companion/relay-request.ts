import type { AppApiTransport } from '../app-api-transport.js';
import { DeviceError } from '../device-error.js';
import { readResponse } from '../read-response.js';

/** A fetch-like function (the app API transport's, or the platform's `fetch`). */
export type RelayFetch = AppApiTransport['fetch'];

/** The platform's fetch, as a `RelayFetch`. */
export const platformFetch: RelayFetch = (url, init) => globalThis.fetch(url, init);

/**
 * One relay API request with the side's bearer credential; returns the parsed JSON (null for 204). Throws
 * `TRANSPORT_FAILURE`, or `SERVER_ERROR` with the status and problem code (`UNPAIRED`, `WATCH_LOCKED`, …).
 */
export async function relayRequest(
  fetch: RelayFetch,
  baseUrl: string,
  request: { method: string; path: string; token?: string; body?: unknown; signal?: AbortSignal },
): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = new TextEncoder().encode(JSON.stringify(request.body)) as Uint8Array<ArrayBuffer>;
  }
  let response: Response;
  try {
    response = await fetch(baseUrl + request.path, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (cause) {
    throw new DeviceError('TRANSPORT_FAILURE', 'The relay could not be reached.', { cause });
  }
  return readResponse(response);
}

/** A relay path with its parameters filled in. */
export function relayPath(template: string, parameters: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));
}

/** Whether an error is the relay saying the channel is gone (unpaired, or unknown to it). */
export function isChannelGone(error: unknown): boolean {
  return (
    error instanceof DeviceError &&
    error.code === 'SERVER_ERROR' &&
    (error.problemCode === 'UNPAIRED' || error.problemCode === 'CHANNEL_NOT_FOUND')
  );
}
