import { type ClaimPairingResponse, computePhoneCommitment, RELAY_API_ENDPOINTS } from '@tessera/protocol';
import { DeviceError } from '../device-error.js';
import { awaitPairing, confirmPairing, deleteChannel, pairingFailure } from './await-pairing.js';
import type { WatchCompanionState } from './companion-channel-state.js';
import { deriveCompanionKeys, generateCompanionKeyPair } from './derive-companion-keys.js';
import { relayPath, relayRequest } from './relay-request.js';
import { type WatchOptions, watchLink } from './watch-options.js';

/** A pairing the watch claimed: show `sas`, then `confirm` (equal on both screens) or `reject`. */
export interface WatchPairing {
  readonly pairingId: string;
  /** Six digits; the phone shows its own. */
  readonly sas: string;
  /**
   * Confirms, waits until the phone confirmed too, and returns the watch's channel state: persist it (plain
   * JSON) and pass it to `receiveFromPhone`, `sendToPhone` and the other watch calls.
   */
  confirm(options?: WatchOptions): Promise<WatchCompanionState>;
  /** The codes differ: cancels the pairing on both sides. */
  reject(): Promise<void>;
}

/**
 * Claims the pairing whose code the phone shows (docs/protocol.md, "Watch companion"): takes the phone's
 * commitment first, only then sends a fresh ECDH P-256 key, waits for the phone's key and nonce, checks them
 * against the commitment, and derives the channel keys and the SAS. Throws `SERVER_ERROR` 404
 * (`PAIRING_NOT_FOUND`) for a wrong or used code, 429 after too many, and `PAIRING_FAILED` when the phone's
 * reveal does not match its commitment (the pairing is then cancelled), the pairing expires or is cancelled.
 */
export async function claimPairing(
  baseUrl: string,
  pairingCode: string,
  options: WatchOptions = {},
): Promise<WatchPairing> {
  if (!/^[0-9]{8}$/.test(pairingCode)) {
    throw new DeviceError('PAIRING_FAILED', 'A pairing code is eight digits.');
  }
  const link = watchLink(baseUrl, options);
  const claimed = (await relayRequest(link.fetch, baseUrl, {
    method: RELAY_API_ENDPOINTS.claimPairing.method,
    path: relayPath(RELAY_API_ENDPOINTS.claimPairing.path, { pairingCode }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })) as Partial<ClaimPairingResponse> | null;
  if (
    typeof claimed?.pairingId !== 'string' ||
    typeof claimed.watchToken !== 'string' ||
    typeof claimed.phoneCommitment !== 'string'
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'The claim answer is malformed.');
  }
  const { pairingId, watchToken: token, phoneCommitment } = claimed;
  const pairing = { pairingId, token };
  // The phone's commitment is in hand: only now may the watch's key be disclosed.
  const own = await generateCompanionKeyPair();
  try {
    await relayRequest(link.fetch, baseUrl, {
      method: RELAY_API_ENDPOINTS.putWatchKey.method,
      path: relayPath(RELAY_API_ENDPOINTS.putWatchKey.path, { pairingId }),
      token,
      body: { watchPublicKey: own.publicKey },
    });
  } catch (error) {
    throw pairingFailure(error);
  }
  const status = await awaitPairing(
    link,
    pairing,
    (s) => s.phonePublicKey !== null && s.phoneNonce !== null,
    options.signal,
  );
  const phonePublicKey = status.phonePublicKey as string;
  const phoneNonce = status.phoneNonce as string;
  let keys: Awaited<ReturnType<typeof deriveCompanionKeys>>;
  try {
    if (computePhoneCommitment(phonePublicKey, phoneNonce) !== phoneCommitment) {
      throw new Error('The phone key does not match its commitment.');
    }
    keys = await deriveCompanionKeys({
      privateKey: own.privateKey,
      peerPublicKey: phonePublicKey,
      channelId: pairingId,
      phonePublicKey,
      watchPublicKey: own.publicKey,
      phoneNonce,
    });
  } catch (cause) {
    await deleteChannel(link, pairing).catch(() => {});
    throw new DeviceError('PAIRING_FAILED', 'The phone revealed a key that does not match its commitment.', {
      cause,
    });
  }
  return {
    pairingId,
    sas: keys.sas,
    async confirm(confirmOptions = {}) {
      await confirmPairing(link, pairing, confirmOptions.signal);
      return {
        version: 1,
        baseUrl,
        channelId: pairingId,
        token,
        sendKey: keys.watchToPhone,
        receiveKey: keys.phoneToWatch,
        sendCounter: 0,
        receiveCounter: 0,
        lastSeq: 0,
        locked: false,
      };
    },
    async reject() {
      await deleteChannel(link, pairing);
    },
  };
}
