import { type PairingStatusResponse, RELAY_API_ENDPOINTS, RELAY_LIMITS } from '@tessera/protocol';
import { DeviceError } from '../device-error.js';
import { type RelayFetch, relayPath, relayRequest } from './relay-request.js';

/** Reads a pairing status answer. */
function readStatus(value: unknown): PairingStatusResponse {
  const s = value as Partial<PairingStatusResponse> | null;
  if (
    typeof s?.pairingId !== 'string' ||
    typeof s.version !== 'number' ||
    typeof s.phoneCommitment !== 'string'
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'The pairing status is malformed.');
  }
  return s as PairingStatusResponse;
}

/** Turns the relay's refusals of a pairing (expired, rejected by the other side) into `PAIRING_FAILED`. */
export function pairingFailure(error: unknown): unknown {
  if (error instanceof DeviceError && error.code === 'SERVER_ERROR' && error.status !== undefined) {
    const why =
      error.problemCode === 'PAIRING_EXPIRED'
        ? 'The pairing expired.'
        : error.problemCode === 'UNPAIRED'
          ? 'The other side cancelled the pairing.'
          : `The pairing was refused (${error.problemCode ?? error.status}).`;
    return new DeviceError('PAIRING_FAILED', why, { cause: error });
  }
  return error;
}

/**
 * Long-polls the pairing until `until(status)` holds; throws `PAIRING_FAILED` when it expires or the other side
 * cancels it.
 */
export async function awaitPairing(
  link: { fetch: RelayFetch; baseUrl: string },
  pairing: { pairingId: string; token: string },
  until: (status: PairingStatusResponse) => boolean,
  signal?: AbortSignal,
): Promise<PairingStatusResponse> {
  let afterVersion = 0;
  for (;;) {
    signal?.throwIfAborted();
    let status: PairingStatusResponse;
    try {
      const path = relayPath(RELAY_API_ENDPOINTS.getPairing.path, { pairingId: pairing.pairingId });
      status = readStatus(
        await relayRequest(link.fetch, link.baseUrl, {
          method: RELAY_API_ENDPOINTS.getPairing.method,
          path: `${path}?afterVersion=${afterVersion}&waitMs=${RELAY_LIMITS.maxWaitMs}`,
          token: pairing.token,
          ...(signal === undefined ? {} : { signal }),
        }),
      );
    } catch (error) {
      throw pairingFailure(error);
    }
    if (until(status)) return status;
    afterVersion = status.version;
  }
}

/** Confirms this side's SAS and waits until the other side did too. */
export async function confirmPairing(
  link: { fetch: RelayFetch; baseUrl: string },
  pairing: { pairingId: string; token: string },
  signal?: AbortSignal,
): Promise<void> {
  try {
    await relayRequest(link.fetch, link.baseUrl, {
      method: RELAY_API_ENDPOINTS.confirmPairing.method,
      path: relayPath(RELAY_API_ENDPOINTS.confirmPairing.path, { pairingId: pairing.pairingId }),
      token: pairing.token,
    });
  } catch (error) {
    throw pairingFailure(error);
  }
  await awaitPairing(link, pairing, (s) => s.confirmed, signal);
}

/** Cancels a pairing or a channel (either side); a channel already gone is fine. */
export async function deleteChannel(
  link: { fetch: RelayFetch; baseUrl: string },
  pairing: { pairingId: string; token: string },
): Promise<void> {
  try {
    await relayRequest(link.fetch, link.baseUrl, {
      method: RELAY_API_ENDPOINTS.deleteChannel.method,
      path: relayPath(RELAY_API_ENDPOINTS.deleteChannel.path, { channelId: pairing.pairingId }),
      token: pairing.token,
    });
  } catch (error) {
    const gone = error instanceof DeviceError && (error.status === 404 || error.status === 410);
    if (!gone) throw error;
  }
}
