/**
 * Companion relay (phone ↔ server ↔ watch) request and response bodies: the pairing handshake in clear (public
 * keys, a commitment, a nonce) and, once both sides confirmed the short authentication string, opaque
 * ciphertexts. Bytes travel as base64url without padding.
 */

/** `POST /app/v1/companion-pairings` (signed by the phone's device key). */
export interface CreateCompanionPairingRequest {
  /**
   * `BASE64URL(SHA-256(encodeLengthPrefixed(["tessera-companion-commitment/v1", phonePublicKey, phoneNonce])))`
   * over the raw public key (65 octets) and the 32-octet nonce the phone reveals later.
   */
  phoneCommitment: string;
}

/** Answer to a new pairing: the code the phone shows, and the phone's channel credential. */
export interface CreateCompanionPairingResponse {
  pairingId: string;
  /** Eight decimal digits, unique among open pairings, claimable once. */
  pairingCode: string;
  /** ISO 8601: the pairing must be confirmed on both sides before this. */
  expiresAt: string;
  /** The phone's bearer credential for the relay; the server keeps only its hash. */
  phoneToken: string;
}

/** `POST /relay/v1/pairings/{pairingCode}/claim`: the watch takes the pairing; it sends no key yet. */
export interface ClaimPairingResponse {
  pairingId: string;
  /** The watch's bearer credential for the relay; the server keeps only its hash. */
  watchToken: string;
  /** The phone's commitment, which the watch holds before it discloses its own key. */
  phoneCommitment: string;
  expiresAt: string;
}

/** `PUT /relay/v1/pairings/{pairingId}/watch-key`. */
export interface PutWatchKeyRequest {
  /** ECDH P-256 public key, raw uncompressed point (65 octets), base64url. */
  watchPublicKey: string;
}

/** `PUT /relay/v1/pairings/{pairingId}/phone-key`: the reveal; the server checks it against the commitment. */
export interface PutPhoneKeyRequest {
  phonePublicKey: string;
  /** 32 octets, base64url. */
  phoneNonce: string;
}

/** `GET /relay/v1/pairings/{pairingId}?waitMs=&afterVersion=` and the answer to a confirmation. */
export interface PairingStatusResponse {
  pairingId: string;
  /** Grows with every change; a long poll with `afterVersion` answers once it is larger. */
  version: number;
  phoneCommitment: string;
  watchPublicKey: string | null;
  phonePublicKey: string | null;
  phoneNonce: string | null;
  phoneConfirmed: boolean;
  watchConfirmed: boolean;
  /** Both confirmed: the channel is live. */
  confirmed: boolean;
  expiresAt: string;
}

/** `POST /relay/v1/channels/{channelId}/messages`. */
export interface PostRelayMessageRequest {
  /** The sealed message (at most `RELAY_LIMITS.maxCiphertextBytes` octets), base64url. */
  ciphertext: string;
}

/** Answer to a posted message: its place in the recipient's mailbox. */
export interface PostRelayMessageResponse {
  seq: number;
}

/** One message in a mailbox. */
export interface RelayMessage {
  seq: number;
  ciphertext: string;
}

/**
 * `GET /relay/v1/channels/{channelId}/messages?after=&waitMs=`: the caller's messages with `seq > after`;
 * `after` acknowledges (deletes) the caller's messages up to it.
 */
export interface RelayMessagesResponse {
  messages: RelayMessage[];
}

/** `PUT /relay/v1/channels/{channelId}/watch-state` (the watch only). */
export interface PutWatchStateRequest {
  /** While locked the relay refuses the phone's messages to the watch (`WATCH_LOCKED`) and queues none. */
  locked: boolean;
}
