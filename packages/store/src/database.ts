import type { ColumnType, Generated } from 'kysely';

/** The tables, as Kysely sees them. Structured values are JSON text with bytes as base64url (see json-codec). */
export interface Database {
  account_keys: AccountKeysTable;
  accounts: AccountsTable;
  relying_parties: RelyingPartiesTable;
  rp_sessions: RpSessionsTable;
  rp_session_targets: RpSessionTargetsTable;
  devices: DevicesTable;
  device_nonces: DeviceNoncesTable;
  audit_events: AuditEventsTable;
  web_push_vapid_keys: WebPushVapidKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  companion_channels: CompanionChannelsTable;
  companion_messages: CompanionMessagesTable;
  companion_claim_failures: CompanionClaimFailuresTable;
  ca_hierarchy: CaHierarchyTable;
  ca_issued_certificates: CaIssuedCertificatesTable;
  ca_crl_numbers: CaCrlNumbersTable;
}

/**
 * Watch pairings and their relay channels (one row each). Public keys, the phone's commitment and nonce in
 * base64url; the two bearer credentials only as SHA-256 hashes. `next_seq_*` number each recipient's mailbox.
 */
export interface CompanionChannelsTable {
  id: string;
  phone_device_id: string;
  /** Unique while set; cleared when the watch claims the pairing. */
  pairing_code: string | null;
  phone_commitment: string;
  phone_token_hash: string;
  watch_token_hash: string | null;
  watch_public_key: string | null;
  phone_public_key: string | null;
  phone_nonce: string | null;
  phone_confirmed: boolean;
  watch_confirmed: boolean;
  watch_locked: boolean;
  version: number;
  next_seq_phone: number;
  next_seq_watch: number;
  created_at: Date;
  expires_at: Date;
  confirmed_at: Date | null;
  unpaired_at: Date | null;
}

/** Ciphertexts waiting for one side of a channel; the server cannot open them. */
export interface CompanionMessagesTable {
  channel_id: string;
  recipient: string;
  seq: number;
  ciphertext: string;
  created_at: Date;
}

/** Wrong pairing codes, by client address: the claim rate limit counts them on every node alike. */
export interface CompanionClaimFailuresTable {
  ip: string;
  at: Date;
}

/** Registered devices; the public request-signing key as JSON text. */
export interface DevicesTable {
  id: string;
  public_key_jwk: string;
  awaiting_linked_signature: string | null;
  created_at: Date;
}

/** Nonces of recent app API requests, one row per device and nonce: the primary key refuses a replay. */
export interface DeviceNoncesTable {
  device_id: string;
  nonce: string;
  seen_at: Date;
}

/** The audit trail, append-only; `seq` orders events of one instant. Details as JSON text. */
export interface AuditEventsTable {
  seq: Generated<string>;
  id: string;
  at: Date;
  kind: string;
  account_id: string | null;
  key_id: string | null;
  device_id: string | null;
  session_id: string | null;
  details: string;
}

/** Registered relying parties; names, sources and permissions as JSON text. */
export interface RelyingPartiesTable {
  id: string;
  names: string;
  allowed_sources: string;
  permissions: string;
  broker_name: string | null;
}

/** RP API sessions. `session_secret` is an HMAC key: stored for the session's life, never logged. */
export interface RpSessionsTable {
  id: string;
  relying_party_id: string;
  relying_party_name: string;
  kind: string;
  flow: string;
  rp_api_version: string;
  request: string;
  session_token: string;
  session_secret: string;
  state: string;
  /** JSON `SessionTarget`, null for anonymous sessions; its accounts are also rows of rp_session_targets. */
  target: string | null;
  verification_code: string | null;
  brokered_rp_name: string | null;
  /** JSON array of names. */
  ignored_properties: string;
  fingerprint: string | null;
  transaction: string | null;
  result: string | null;
  version: number;
  created_at: Date;
  expires_at: Date;
  completed_at: Date | null;
}

/** The accounts a targeted session may be answered with, one row each, for the device's pending list. */
export interface RpSessionTargetsTable {
  session_id: string;
  document_number: string;
}

/** One row per account key (the server's half of it). */
export interface AccountKeysTable {
  id: string;
  account_id: string;
  purpose: string;
  /** Lower-case hex, unique: the shared-factor check and the one-modulus-one-key rule read it. */
  modulus: string;
  public_exponent: string;
  /** d_srv wrapped by the key-encryption key; never in clear. */
  wrapped_server_share: Uint8Array;
  lock: string;
  clone_token: string;
  in_flight: string | null;
  last_outcome: string | null;
  certificate_serial: string | null;
  certificate: Uint8Array | null;
  created_at: Date;
  /** Raised by every update, which writes only over the version it read. */
  version: Generated<number>;
}

/** Accounts, one row each; identity as JSON text. */
export interface AccountsTable {
  document_number: string;
  id: string;
  semantics_identifier: string;
  identity: string;
  level: string;
  device_id: string;
  state: string;
  valid_from: Date;
  valid_to: Date;
  authentication_key_id: string;
  signing_key_id: string;
  created_at: Date;
}

/** The deployment's VAPID key pair (RFC 8292), one row (`id` 1). `private_key` is a secret: never logged. */
export interface WebPushVapidKeysTable {
  id: number;
  /** base64url, uncompressed P-256 point. */
  public_key: string;
  /** base64url, the private scalar. */
  private_key: string;
  created_at: Date;
}

/** One Web Push subscription per device, removed with the device. Keys base64url as the browser gives them. */
export interface PushSubscriptionsTable {
  device_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Date;
}

/** The CA hierarchy as `tessera ca init` made it: one row (`id` 1), the HierarchyRecord as JSON. */
export interface CaHierarchyTable {
  id: number;
  record: string;
}

/** Every certificate the CA issued: the IssuedCertificateRecord as JSON, with what is looked up beside it. */
export interface CaIssuedCertificatesTable {
  /** Upper-case hex. */
  serial: string;
  issuer: string;
  document_number: string | null;
  revoked: Generated<boolean>;
  record: string;
}

/** The last CRL number each CA used. */
export interface CaCrlNumbersTable {
  issuer: string;
  /** int8: read back as a string. */
  last_number: ColumnType<string, bigint | string, bigint | string>;
}
