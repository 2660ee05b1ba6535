import { decodeBase64url } from '@tessera/crypto';
import { DeviceError } from '../device-error.js';
import {
  type CompanionDirection,
  companionAssociatedData,
  SEALED_COMPANION_MESSAGE_VERSION,
} from './seal-companion-message.js';

const rejected = (message: string, cause?: unknown) =>
  new DeviceError('COMPANION_MESSAGE_REJECTED', message, cause === undefined ? undefined : { cause });

/**
 * Opens a sealed companion message (see `sealCompanionMessage`). Throws `COMPANION_MESSAGE_REJECTED` for a
 * message that does not authenticate under the key, channel and direction (tampered, or sealed for another
 * channel or the other direction), and for a counter at or below `lastCounter` (a replay or a reorder).
 * Returns the plaintext and its counter, which the caller stores as the new `lastCounter`.
 */
export async function openCompanionMessage(input: {
  key: string;
  channelId: string;
  direction: CompanionDirection;
  lastCounter: number;
  sealed: Uint8Array;
}): Promise<{ counter: number; plaintext: Uint8Array }> {
  const { sealed } = input;
  if (sealed.length < 13 + 16 || sealed[0] !== SEALED_COMPANION_MESSAGE_VERSION) {
    throw rejected('The companion message is malformed.');
  }
  const counter = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getBigUint64(1);
  if (counter > BigInt(Number.MAX_SAFE_INTEGER))
    throw rejected('The companion message counter is out of range.');
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    decodeBase64url(input.key) as Uint8Array<ArrayBuffer>,
    'AES-GCM',
    false,
    ['decrypt'],
  );
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: sealed.slice(1, 13),
          additionalData: companionAssociatedData(
            input.channelId,
            input.direction,
          ) as Uint8Array<ArrayBuffer>,
        },
        key,
        sealed.slice(13),
      ),
    );
  } catch (cause) {
    throw rejected('The companion message does not authenticate.', cause);
  }
  // Checked after authentication, so a forged counter cannot make a genuine message look replayed.
  if (Number(counter) <= input.lastCounter) throw rejected('The companion message is a replay.');
  return { counter: Number(counter), plaintext };
}
