import { decodeBase64url, encodeLengthPrefixed, type RandomSource } from '@tessera/crypto';

/** Format version of a sealed companion message. */
export const SEALED_COMPANION_MESSAGE_VERSION = 1;

/** The direction a message travels, bound into its associated data. */
export type CompanionDirection = 'phone-to-watch' | 'watch-to-phone';

/** `encodeLengthPrefixed(["tessera-companion-message/v1", channelId, direction])`. */
export function companionAssociatedData(channelId: string, direction: CompanionDirection): Uint8Array {
  return encodeLengthPrefixed(['tessera-companion-message/v1', channelId, direction]);
}

/**
 * Seals one companion message: `version (1) ‖ counter (8, big-endian) ‖ salt (4) ‖ AES-256-GCM(ciphertext ‖
 * tag)`, the 12-octet nonce being `counter ‖ salt` and the associated data binding the channel and direction.
 * The counter is the sequence number the receiver checks against replay; the random salt keeps the nonce
 * unique even if a counter were ever reused.
 */
export async function sealCompanionMessage(input: {
  key: string;
  channelId: string;
  direction: CompanionDirection;
  counter: number;
  plaintext: Uint8Array;
  random: RandomSource;
}): Promise<Uint8Array> {
  if (!Number.isSafeInteger(input.counter) || input.counter < 1) {
    throw new RangeError('A companion message counter is a positive safe integer.');
  }
  const header = new Uint8Array(13);
  header[0] = SEALED_COMPANION_MESSAGE_VERSION;
  new DataView(header.buffer).setBigUint64(1, BigInt(input.counter));
  header.set(input.random(4), 9);
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    decodeBase64url(input.key) as Uint8Array<ArrayBuffer>,
    'AES-GCM',
    false,
    ['encrypt'],
  );
  const sealed = new Uint8Array(
    await globalThis.crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: header.subarray(1, 13),
        additionalData: companionAssociatedData(input.channelId, input.direction) as Uint8Array<ArrayBuffer>,
      },
      key,
      input.plaintext as Uint8Array<ArrayBuffer>,
    ),
  );
  const out = new Uint8Array(header.length + sealed.length);
  out.set(header);
  out.set(sealed, header.length);
  return out;
}
