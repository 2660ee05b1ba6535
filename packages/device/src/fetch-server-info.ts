import { APP_API_ENDPOINTS, type ServerInfoResponse } from '@tessera/protocol';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import { readResponse } from './read-response.js';

/**
 * What the server says of itself before enrolment (no device authentication): its envelope key and scheme, and
 * the VAPID key to subscribe to Web Push with when it sends any.
 */
export async function fetchServerInfo(context: DeviceContext): Promise<ServerInfoResponse> {
  const { method, path } = APP_API_ENDPOINTS.serverInfo;
  let response: Response;
  try {
    response = await context.transport.fetch(context.transport.baseUrl + path, { method, headers: {} });
  } catch (cause) {
    throw new DeviceError('TRANSPORT_FAILURE', 'The server could not be reached.', { cause });
  }
  const body = (await readResponse(response)) as Partial<ServerInfoResponse> | null;
  if (
    typeof body?.envelopePublicKeyJwk !== 'object' ||
    body.envelopePublicKeyJwk === null ||
    typeof body.schemeName !== 'string' ||
    typeof body.sandbox !== 'boolean' ||
    (body.webPushPublicKey !== undefined && typeof body.webPushPublicKey !== 'string')
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'The server information is malformed.');
  }
  return body as ServerInfoResponse;
}
