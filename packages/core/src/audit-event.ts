/**
 * What the audit trail records. Only facts and public values: never a PIN, a share, a partial signature, a
 * session secret or a token.
 */
export type AuditEventKind =
  /** A key reached a temporary lock of the ladder (`details.lockedUntil`). */
  | 'KEY_LOCKED'
  /** A key is locked for good after too many wrong PINs; its certificate must be revoked. */
  | 'KEY_LOCKED_PERMANENTLY'
  /** A second copy of a device's state signed with a used token; the key is locked for good. */
  | 'CLONE_DETECTED'
  /** A device was registered with its request-signing key. */
  | 'DEVICE_REGISTERED'
  /** A device deleted one of its accounts. */
  | 'ACCOUNT_DELETED';

/** One audit record. The subject fields name what it is about; unknown ones are null. */
export interface AuditEvent {
  /** Unique; chosen by the writer. */
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly kind: AuditEventKind;
  readonly accountId: string | null;
  readonly keyId: string | null;
  readonly deviceId: string | null;
  readonly sessionId: string | null;
  /** Public details (lock end, counts); plain JSON. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}
