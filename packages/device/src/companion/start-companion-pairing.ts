import { encodeBase64url } from '@tessera/crypto';
import {
  APP_API_ENDPOINTS,
  type CreateCompanionPairingRequest,
  type CreateCompanionPairingResponse,
  computePhoneCommitment,
  RELAY_API_ENDPOINTS,
} from '@tessera/protocol';
import type { DeviceContext } from '../device-context.js';
import { DeviceError } from '../device-error.js';
import { loadVault } from '../load-vault.js';
import { sendAppRequest } from '../send-app-request.js';
import { awaitPairing, confirmPairing, deleteChannel, pairingFailure } from './await-pairing.js';
import type { CompanionChannelState } from './companion-channel-state.js';
import { deriveCompanionKeys, generateCompanionKeyPair } from './derive-companion-keys.js';
import { relayPath, relayRequest } from './relay-request.js';

/** A watch pairing the phone started: show `pairingCode`, then `awaitWatch`, compare the SAS, `confirm`. */
export interface CompanionPairing {
  /** Eight digits the person types on the watch. */
  readonly pairingCode: string;
  readonly pairingId: string;
  /** ISO 8601: after this the pairing fails. */
  readonly expiresAt: string;
  /**
   * Waits until a watch claimed the code and sent its key, reveals the phone's key and nonce, and returns the
   * six-digit SAS to show. The watch shows its own; the person compares them.
   */
  awaitWatch(options?: { signal?: AbortSignal }): Promise<{ sas: string }>;
  /**
   * The person saw equal codes: confirms, waits until the watch confirmed too, and keeps the channel in the
   * vault (replacing, and unpairing, an earlier watch).
   */
  confirm(options?: { signal?: AbortSignal }): Promise<void>;
  /** The codes differ or the person gave up: cancels the pairing on both sides. */
  reject(): Promise<void>;
}

/**
 * Starts pairing a watch with this phone (docs/protocol.md, "Watch companion"): a fresh ECDH P-256 key and
 * nonce, the commitment to them sent with a signed app API request, and the code the server answers with.
 * Throws `NOT_ENROLLED` before the first enrolment, `PAIRING_FAILED` when the pairing expires, is cancelled
 * or confirmed out of order.
 */
export async function startCompanionPairing(context: DeviceContext): Promise<CompanionPairing> {
  const data = await loadVault(context);
  const own = await generateCompanionKeyPair();
  const phoneNonce = encodeBase64url(context.random(32));
  const body: CreateCompanionPairingRequest = {
    phoneCommitment: computePhoneCommitment(own.publicKey, phoneNonce),
  };
  const answer = (await sendAppRequest(context, data, {
    ...APP_API_ENDPOINTS.createCompanionPairing,
    body: JSON.stringify(body),
  })) as Partial<CreateCompanionPairingResponse> | null;
  if (
    typeof answer?.pairingId !== 'string' ||
    typeof answer.pairingCode !== 'string' ||
    typeof answer.phoneToken !== 'string' ||
    typeof answer.expiresAt !== 'string'
  ) {
    throw new DeviceError('INVALID_RESPONSE', 'The pairing answer is malformed.');
  }
  const { pairingId, phoneToken: token } = answer;
  const link = { fetch: context.transport.fetch, baseUrl: context.transport.baseUrl };
  const pairing = { pairingId, token };
  let channel: CompanionChannelState | null = null;

  return {
    pairingCode: answer.pairingCode,
    pairingId,
    expiresAt: answer.expiresAt,
    async awaitWatch(options = {}) {
      const status = await awaitPairing(link, pairing, (s) => s.watchPublicKey !== null, options.signal);
      const watchPublicKey = status.watchPublicKey as string;
      try {
        await relayRequest(link.fetch, link.baseUrl, {
          method: RELAY_API_ENDPOINTS.putPhoneKey.method,
          path: relayPath(RELAY_API_ENDPOINTS.putPhoneKey.path, { pairingId }),
          token,
          body: { phonePublicKey: own.publicKey, phoneNonce },
        });
      } catch (error) {
        throw pairingFailure(error);
      }
      let keys: Awaited<ReturnType<typeof deriveCompanionKeys>>;
      try {
        keys = await deriveCompanionKeys({
          privateKey: own.privateKey,
          peerPublicKey: watchPublicKey,
          channelId: pairingId,
          phonePublicKey: own.publicKey,
          watchPublicKey,
          phoneNonce,
        });
      } catch (cause) {
        await deleteChannel(link, pairing).catch(() => {});
        throw new DeviceError('PAIRING_FAILED', 'The watch sent a key that is not a P-256 point.', { cause });
      }
      channel = {
        version: 1,
        channelId: pairingId,
        token,
        sendKey: keys.phoneToWatch,
        receiveKey: keys.watchToPhone,
        sendCounter: 0,
        receiveCounter: 0,
        lastSeq: 0,
      };
      return { sas: keys.sas };
    },
    async confirm(options = {}) {
      if (channel === null)
        throw new DeviceError('PAIRING_FAILED', 'Confirm only after awaitWatch gave the SAS.');
      await confirmPairing(link, pairing, options.signal);
      const current = await loadVault(context);
      const earlier = current.companion;
      if (earlier !== undefined && earlier.channelId !== pairingId) {
        await deleteChannel(link, { pairingId: earlier.channelId, token: earlier.token }).catch(() => {});
      }
      current.companion = channel;
      await context.vault.save(current);
    },
    async reject() {
      await deleteChannel(link, pairing);
    },
  };
}
