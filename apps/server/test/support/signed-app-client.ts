/**
 * A device's app API client for tests that send requests the @tessera/device code never would: it signs any
 * method, path and body bytes with a device key, and records what the real device sends (so a test can replay
 * it mutated, re-signed).
 */
import { encodeBase64url, systemRandom } from '@tessera/crypto';
import type { AppApiTransport, DeviceContext } from '@tessera/device';
import { createMemoryVault } from '@tessera/device';
import { DEVICE_KEY_ALGORITHM, signDeviceRequest } from '@tessera/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A device key and id, as a device holds them. */
export interface TestDeviceKey {
  readonly deviceId: string;
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: JsonWebKey;
}

/** A fresh P-256 device key with a random id. */
export async function createTestDeviceKey(): Promise<TestDeviceKey> {
  const pair = (await globalThis.crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return {
    deviceId: encodeBase64url(systemRandom(16)),
    privateKey: pair.privateKey,
    publicKeyJwk: await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey),
  };
}

/** A request as a test device sends it. */
export interface SignedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  now?: number;
}

/** Sends one request signed by `key` (body bytes as given; JSON values are serialised). */
export async function signedInject(
  app: FastifyInstance,
  key: TestDeviceKey,
  request: SignedRequest,
): Promise<LightMyRequestResponse> {
  const { headers, body } = await signRequest(key, request);
  return app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(body.length > 0 ? { payload: Buffer.from(body) } : {}),
  });
}

/** The headers (device authentication and content type) and body bytes of a signed request. */
export async function signRequest(
  key: TestDeviceKey,
  request: SignedRequest,
): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const body =
    request.body === undefined
      ? new Uint8Array()
      : request.body instanceof Uint8Array
        ? request.body
        : new TextEncoder().encode(JSON.stringify(request.body));
  const headers = await signDeviceRequest({
    privateKey: key.privateKey,
    deviceId: key.deviceId,
    method: request.method,
    pathAndQuery: request.url,
    body,
    now: request.now ?? Date.now(),
    random: systemRandom,
  });
  return {
    headers: { ...headers, ...(body.length > 0 ? { 'content-type': 'application/json' } : {}) },
    body,
  };
}

/** The app API over `app.inject`, as a device transport; `record` sees every request the device sends. */
export function injectTransport(
  app: FastifyInstance,
  record: (request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
  }) => void = () => {},
): AppApiTransport {
  return {
    baseUrl: '',
    async fetch(url, init) {
      const body = init.body === undefined ? '' : new TextDecoder().decode(init.body);
      record({ method: init.method, path: url, headers: init.headers, body });
      const res = await app.inject({
        method: init.method as 'GET',
        url,
        headers: init.headers,
        ...(init.body === undefined ? {} : { payload: Buffer.from(init.body) }),
      });
      return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
      });
    },
  };
}

/** A device (memory vault) whose requests go to `app` by inject. */
export function injectDevice(
  app: FastifyInstance,
  now: () => number = Date.now,
  record?: Parameters<typeof injectTransport>[1],
): DeviceContext {
  return {
    vault: createMemoryVault(),
    transport: injectTransport(app, record),
    random: systemRandom,
    now,
  };
}
