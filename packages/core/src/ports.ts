import type { Account, AccountIdentity, AccountLevel } from './account.js';
import type { AccountKey } from './account-key.js';
import type { AuditEvent } from './audit-event.js';
import type { CompanionChannel, CompanionMessage, CompanionSide } from './companion-channel.js';
import type { Device } from './device.js';
import type { DevicePushSubscription, VapidKeyPair } from './push-subscription.js';
import type { RelyingParty } from './relying-party.js';
import type { RpSession } from './rp-session.js';

/** The time, as milliseconds since the epoch. A port so tests can freeze and move it. */
export interface Clock {
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Wraps and unwraps server shares under the key-encryption key. The HSM implementation keeps the KEK in the
 * token; the software one is for development only. `keyId` is bound into the wrapping, so a wrapped share
 * cannot be moved to another key.
 */
export interface KeyShareVault {
  readonly description: string;
  wrap(serverShare: bigint, keyId: string): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, keyId: string): Promise<bigint>;
}

/** What an `update` callback decides: the key's new state (none: leave it) and the value to return. */
export interface KeyUpdate<T> {
  readonly key?: AccountKey;
  readonly result: T;
}

/** Persistence of account keys. Implementations: SQL in @tessera/store, in memory for tests. */
export interface AccountKeyStore {
  /** Stores a new key; throws CoreError('KEY_EXISTS') when its id or its modulus is already registered. */
  insert(key: AccountKey): Promise<void>;
  /** The key, or undefined. */
  get(keyId: string): Promise<AccountKey | undefined>;
  /** Every registered modulus, for the shared-factor check at enrolment. */
  listModuli(): Promise<bigint[]>;
  /**
   * Runs `decide` on the key and saves the key it returns, atomically: no other `update` of the key lands in
   * between, and nothing is saved if `decide` throws. `decide` may run more than once (SQL writes only over the
   * version it read and decides again after a lost race), so it has no effects beyond its answer. With
   * `known`, a key an earlier `update` of this store saved, the first try may decide on it instead of reading the
   * key again (a stale one loses the race and the stored key decides). Throws CoreError('KEY_NOT_FOUND').
   */
  update<T>(
    keyId: string,
    decide: (key: AccountKey) => KeyUpdate<T> | Promise<KeyUpdate<T>>,
    known?: AccountKey,
  ): Promise<T>;
}

/** Registered relying parties. */
export interface RelyingPartyStore {
  get(id: string): Promise<RelyingParty | undefined>;
  /** Registers or replaces the relying party with this id. */
  put(rp: RelyingParty): Promise<void>;
}

/** RP API sessions. */
export interface SessionStore {
  /** Throws CoreError('SESSION_EXISTS') for an id already taken. */
  insert(session: RpSession): Promise<void>;
  get(id: string): Promise<RpSession | undefined>;
  /** The session a device link's `sessionToken` names. */
  findByToken(sessionToken: string): Promise<RpSession | undefined>;
  /**
   * Applies `change` to the session and saves it with `version + 1`, atomically (no other update lands in
   * between); returns the saved session, or the unchanged one when `change` returns undefined. `change` may run
   * more than once, as `AccountKeyStore.update`'s `decide`. With `known`, the session as the caller just read
   * it, the first try may decide on that copy instead of reading it again (a stale copy loses the race and the
   * stored session is read). Throws CoreError('SESSION_NOT_FOUND').
   */
  update(
    id: string,
    change: (session: RpSession) => RpSession | undefined,
    known?: RpSession,
  ): Promise<RpSession>;
  /** The newest session with this fingerprint created at or after `since` (idempotency), if any. */
  findByFingerprint(fingerprint: string, since: number): Promise<RpSession | undefined>;
  /** The RUNNING sessions targeting any of these accounts that have not expired at `now`, oldest first. */
  listRunningByDocumentNumbers(documentNumbers: readonly string[], now: number): Promise<RpSession[]>;
}

/**
 * Tells devices that something waits for them (a notification session targeting one of their accounts): wakes
 * their pending-transactions long polls, and is where a push notification to the app hangs off.
 */
export interface DeviceNotifier {
  notifyDevices(deviceIds: readonly string[]): void;
}

/** Wakes long-polls when a session changes. In one process: an in-memory waiter; across nodes: the database. */
export interface SessionWaiter {
  /** Resolves at the next `notify(id)` or after `timeoutMs`, whichever is first (or when `signal` aborts). */
  wait(id: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  notify(id: string): void;
  /** How many waits are parked right now (it paces their re-reads: `recheckIntervalMs`). */
  readonly parked: number;
}

/** Accounts. */
export interface AccountStore {
  /** Throws CoreError('ACCOUNT_EXISTS') when the document number (or id for this identifier) is taken. */
  insert(account: Account): Promise<void>;
  get(documentNumber: string): Promise<Account | undefined>;
  /** Every account of a person, in any state. */
  listBySemanticsIdentifier(semanticsIdentifier: string): Promise<Account[]>;
  /** Every account on a device, in any state, oldest first. */
  listByDevice(deviceId: string): Promise<Account[]>;
  /** Applies `change` under a row lock and saves it. Throws CoreError('ACCOUNT_NOT_FOUND'). */
  update(documentNumber: string, change: (account: Account) => Account): Promise<Account>;
}

/** The certificate authority as the domain uses it (the CA module implements it). */
export interface CertificateIssuer {
  /** Issues from a CSR whose signature the CA verifies; identity data comes from the account, not the CSR. */
  issue(request: {
    readonly csr: Uint8Array;
    readonly level: AccountLevel;
    readonly purpose: 'AUTHENTICATION' | 'SIGNING';
    readonly identity: AccountIdentity & { readonly documentNumber: string };
    readonly notBefore: Date;
    readonly notAfter: Date;
  }): Promise<{ readonly serial: string; readonly certificate: Uint8Array }>;
}

/** Registered devices and the nonces of their recent requests (replay protection). */
export interface DeviceStore {
  /** Throws CoreError('DEVICE_EXISTS') for an id already registered. */
  insert(device: Device): Promise<void>;
  get(id: string): Promise<Device | undefined>;
  /** Applies `change` under a row lock and saves it. Throws CoreError('DEVICE_NOT_FOUND'). */
  update(id: string, change: (device: Device) => Device): Promise<Device>;
  /**
   * Records that `deviceId` used `nonce` at `seenAt` and answers whether it was unseen, atomically (two
   * concurrent calls with one nonce: exactly one gets true). Nonces recorded before `forgetBefore` may be
   * forgotten first; the caller picks it so that a request carrying them could no longer be fresh.
   */
  recordNonce(deviceId: string, nonce: string, seenAt: number, forgetBefore: number): Promise<boolean>;
}

/** Web Push: the deployment's VAPID key pair and each device's subscription. */
export interface WebPushStore {
  /**
   * The stored VAPID key pair; when there is none yet, the one `generate` makes is stored and returned. Two
   * processes starting at once on one database end up with the same pair (the first stored wins).
   */
  ensureVapidKeys(generate: () => VapidKeyPair | Promise<VapidKeyPair>): Promise<VapidKeyPair>;
  /** Stores the device's subscription, replacing its previous one. Throws CoreError('DEVICE_NOT_FOUND'). */
  putSubscription(subscription: DevicePushSubscription): Promise<void>;
  getSubscription(deviceId: string): Promise<DevicePushSubscription | undefined>;
  /**
   * Deletes the device's subscription and answers whether there was one. With `endpoint`, only while the stored
   * one still has that endpoint: a push service's "gone" about an old endpoint leaves a newer subscription be.
   */
  deleteSubscription(deviceId: string, endpoint?: string): Promise<boolean>;
}

/** The append-only audit trail. */
export interface AuditLog {
  /** Throws CoreError('INVALID_ARGUMENT') for an event id already recorded. */
  append(event: AuditEvent): Promise<void>;
  /** The events about one account (document number), oldest first. */
  listByAccount(accountId: string): Promise<AuditEvent[]>;
  /** The events about one device, oldest first. */
  listByDevice(deviceId: string): Promise<AuditEvent[]>;
}

/** Why a certificate is revoked: a clone of the device state, or the end of the key's use. */
export type CertificateRevocationReason = 'keyCompromise' | 'cessationOfOperation';

/** Revocation at the certificate authority (the CA module implements it). */
export interface CertificateRevoker {
  /** Revokes the certificate with this serial (hex). Revoking it again keeps the first revocation. */
  revoke(serial: string, reason: CertificateRevocationReason): Promise<void>;
}

/**
 * Watch pairings, their relay channels and mailboxes (docs/protocol.md, "Watch companion"). Implementations:
 * SQL in @tessera/store (shared by every server node), in memory for tests.
 */
export interface CompanionRelayStore {
  /** Stores a new pairing; throws CoreError('PAIRING_CODE_TAKEN') when another pairing holds its code. */
  insert(channel: CompanionChannel): Promise<void>;
  get(id: string): Promise<CompanionChannel | undefined>;
  /** The pairing that holds this code (claimed or expired pairings hold none once purged or claimed). */
  findByPairingCode(pairingCode: string): Promise<CompanionChannel | undefined>;
  /** The channels of a phone, in any state. */
  listByPhoneDevice(deviceId: string): Promise<CompanionChannel[]>;
  /**
   * Applies `change` under a row lock and saves it with `version + 1`; returns the saved channel, or the
   * unchanged one when `change` returns undefined. Throws CoreError('CHANNEL_NOT_FOUND').
   */
  update(
    id: string,
    change: (channel: CompanionChannel) => CompanionChannel | undefined,
  ): Promise<CompanionChannel>;
  /**
   * Appends a message under the channel's row lock: `admit` sees the channel and how many messages already wait
   * for `recipient` and throws to refuse (nothing is stored then). Returns the message's `seq`.
   */
  appendMessage(
    input: { channelId: string; recipient: CompanionSide; ciphertext: string; createdAt: number },
    admit: (channel: CompanionChannel, queued: number) => void,
  ): Promise<number>;
  /** The messages waiting for `recipient` with `seq > after`, oldest first, at most `limit`. */
  listMessages(
    channelId: string,
    recipient: CompanionSide,
    after: number,
    limit: number,
  ): Promise<CompanionMessage[]>;
  /** Deletes the messages for `recipient` with `seq <= upTo` (all of them with `upTo` Infinity). */
  deleteMessages(channelId: string, recipient: CompanionSide, upTo: number): Promise<void>;
  /** Records a wrong pairing code from `ip` at `at`. */
  recordClaimFailure(ip: string, at: number): Promise<void>;
  /** Wrong pairing codes since `since`: from `ip`, and from anyone. */
  countClaimFailures(ip: string, since: number): Promise<{ fromIp: number; total: number }>;
  /**
   * Forgets what has served its time: pairings never confirmed by `pairingsBefore` (their expiry), tombstones
   * unpaired before `tombstonesBefore`, messages created before `messagesBefore`, claim failures before
   * `failuresBefore`.
   */
  purge(limits: {
    pairingsBefore: number;
    tombstonesBefore: number;
    messagesBefore: number;
    failuresBefore: number;
  }): Promise<void>;
}
