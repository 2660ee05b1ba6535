/**
 * The companion relay paths (phone ↔ server ↔ watch), relative to the server root. `claimPairing` is
 * unauthenticated (the watch holds no device key); every other call carries the side's channel credential as
 * `Authorization: Bearer <token>`. Path parameters in braces. The relay sees only ciphertext.
 */
export const RELAY_API_ENDPOINTS = {
  claimPairing: { method: 'POST', path: '/relay/v1/pairings/{pairingCode}/claim' },
  getPairing: { method: 'GET', path: '/relay/v1/pairings/{pairingId}' },
  putWatchKey: { method: 'PUT', path: '/relay/v1/pairings/{pairingId}/watch-key' },
  putPhoneKey: { method: 'PUT', path: '/relay/v1/pairings/{pairingId}/phone-key' },
  confirmPairing: { method: 'POST', path: '/relay/v1/pairings/{pairingId}/confirmation' },
  postMessage: { method: 'POST', path: '/relay/v1/channels/{channelId}/messages' },
  getMessages: { method: 'GET', path: '/relay/v1/channels/{channelId}/messages' },
  putWatchState: { method: 'PUT', path: '/relay/v1/channels/{channelId}/watch-state' },
  deleteChannel: { method: 'DELETE', path: '/relay/v1/channels/{channelId}' },
} as const;

/** The name of one relay API operation. */
export type RelayApiOperation = keyof typeof RELAY_API_ENDPOINTS;

/** The relay's fixed limits, shared by server and device library. */
export const RELAY_LIMITS = {
  /** How long a pairing stays open, from its creation until both sides confirmed. */
  pairingTtlMs: 5 * 60_000,
  /** Digits of the pairing code the phone shows. */
  pairingCodeDigits: 8,
  /** Largest `ciphertext` accepted, in octets after base64url decoding. */
  maxCiphertextBytes: 16 * 1024,
  /** Messages waiting for one side at most; more are refused (`MAILBOX_FULL`). */
  maxQueuedMessages: 32,
  /** Unacknowledged messages are dropped after this long. */
  messageTtlMs: 10 * 60_000,
  /** Longest `waitMs` of a long poll. */
  maxWaitMs: 25_000,
} as const;
