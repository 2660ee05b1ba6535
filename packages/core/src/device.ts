/**
 * A device's request-signing key: ECDSA P-256, public part only, reduced to the members that define it.
 * The private key never leaves the device (non-extractable where the platform allows).
 */
export interface DevicePublicKeyJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  /** base64url, 32 bytes. */
  readonly x: string;
  /** base64url, 32 bytes. */
  readonly y: string;
}

/**
 * One installation of the app (or a headless device). Registered at its first enrolment with the key that
 * signs all of its app API requests; its accounts name it by `id`. Replay protection is kept beside it as the
 * nonces it used recently (`DeviceStore.recordNonce`), its Web Push subscription in the `WebPushStore`.
 */
export interface Device {
  /** Chosen by the device (base64url of 16 random bytes). */
  readonly id: string;
  readonly publicKeyJwk: DevicePublicKeyJwk;
  /**
   * After a device-link certificate choice on this device: the app stays on it, waiting for the signature linked
   * to that choice until `until` (spec §5.2); any other transaction it takes meanwhile ends
   * `EXPECTED_LINKED_SESSION`. Null when not waiting.
   */
  readonly awaitingLinkedSignature: AwaitingLinkedSignature | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** The certificate choice a device waits to sign for, and until when. */
export interface AwaitingLinkedSignature {
  readonly certificateChoiceId: string;
  /** Milliseconds since the epoch. */
  readonly until: number;
}
