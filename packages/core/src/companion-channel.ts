/** The two ends of a companion channel: the phone (holds the accounts) and its watch (holds nothing). */
export type CompanionSide = 'phone' | 'watch';

/**
 * A watch pairing and, once both sides confirmed its short authentication string, the relay channel between the
 * phone and the watch (one record for both: the pairing id is the channel id). The server keeps only public
 * keys, the phone's commitment and nonce, hashes of the two bearer credentials, and per-recipient sequence
 * counters; it never holds a key that opens a message.
 */
export interface CompanionChannel {
  /** Random, base64url. */
  readonly id: string;
  /** The phone's registered device: deleting its accounts drops the channel. */
  readonly phoneDeviceId: string;
  /** Eight digits while the pairing waits for a watch; null once claimed (a code is claimable once). */
  readonly pairingCode: string | null;
  readonly phoneCommitment: string;
  /** SHA-256 of the phone's bearer credential, base64url. */
  readonly phoneTokenHash: string;
  /** SHA-256 of the watch's bearer credential, base64url; null until claimed. */
  readonly watchTokenHash: string | null;
  readonly watchPublicKey: string | null;
  readonly phonePublicKey: string | null;
  readonly phoneNonce: string | null;
  readonly phoneConfirmed: boolean;
  readonly watchConfirmed: boolean;
  /** While the watch is locked the phone's messages to it are refused and none is queued. */
  readonly watchLocked: boolean;
  /** Grows with every change (long polls on the pairing wait for a larger one). */
  readonly version: number;
  readonly createdAt: number;
  /** Until when the pairing may be completed; irrelevant once confirmed. */
  readonly expiresAt: number;
  /** When both sides confirmed, or null. */
  readonly confirmedAt: number | null;
  /** When either side unpaired it, or null: a tombstone, so both ends learn why the channel is gone. */
  readonly unpairedAt: number | null;
}

/** One ciphertext waiting for its recipient. */
export interface CompanionMessage {
  readonly channelId: string;
  readonly recipient: CompanionSide;
  /** Per channel and recipient, from 1, never reused. */
  readonly seq: number;
  /** Opaque to the server, base64url. */
  readonly ciphertext: string;
  readonly createdAt: number;
}
