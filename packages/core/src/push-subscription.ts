/**
 * A device's Web Push subscription (RFC 8030, keys per RFC 8291) as the browser's `PushSubscription.toJSON()`
 * reports it: one per device, replaced when the app subscribes again.
 */
export interface DevicePushSubscription {
  readonly deviceId: string;
  /** The push service URL messages are POSTed to; a capability: whoever knows it can address the device. */
  readonly endpoint: string;
  readonly keys: {
    /** base64url, the device's uncompressed P-256 point (65 octets). */
    readonly p256dh: string;
    /** base64url, the 16-octet authentication secret. */
    readonly auth: string;
  };
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/**
 * The deployment's VAPID key pair (RFC 8292): push services check that messages to a subscription are signed by
 * the application server key the app subscribed with. One per deployment, made at the first start.
 */
export interface VapidKeyPair {
  /** base64url, the uncompressed P-256 point (65 octets): the app's `applicationServerKey`. */
  readonly publicKey: string;
  /** base64url, the 32-octet private scalar. A secret: never logged. */
  readonly privateKey: string;
}
