import { DEVICE_KEY_ALGORITHM, signDeviceRequest } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData } from './device-vault.js';
import { readResponse } from './read-response.js';

const utf8 = new TextEncoder();

/** Imports the vault's device key when it is stored as a JWK. */
export async function loadDeviceSigningKey(data: DeviceVaultData): Promise<CryptoKey> {
  const key = data.deviceKey.privateKey;
  if (!('kty' in key)) return key as CryptoKey;
  return globalThis.crypto.subtle.importKey('jwk', key as JsonWebKey, DEVICE_KEY_ALGORITHM, false, ['sign']);
}

/**
 * Sends one signed app API request and returns the parsed JSON answer (see `readResponse`). `body` is sent
 * as is, so a stored request is resent byte for byte. Throws `TRANSPORT_FAILURE`, `SERVER_ERROR` or
 * `INVALID_RESPONSE`.
 */
export async function sendAppRequest(
  context: DeviceContext,
  data: DeviceVaultData,
  request: { method: string; path: string; body?: string; signal?: AbortSignal },
): Promise<unknown> {
  const body = request.body === undefined ? new Uint8Array() : utf8.encode(request.body);
  const headers = await signDeviceRequest({
    privateKey: await loadDeviceSigningKey(data),
    deviceId: data.deviceId,
    method: request.method,
    pathAndQuery: request.path,
    body,
    now: context.now(),
    random: context.random,
  });
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await context.transport.fetch(context.transport.baseUrl + request.path, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (cause) {
    throw new DeviceError('TRANSPORT_FAILURE', 'The server could not be reached.', { cause });
  }
  return readResponse(response);
}
