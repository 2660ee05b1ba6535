/** Every way @tessera/device refuses to go on. Server answers such as WRONG_PIN are values, not errors. */
export type DeviceErrorCode =
  /** A PIN is not 4–12 digits (PIN1) or 5–12 digits (PIN2). */
  | 'INVALID_PIN_FORMAT'
  /** The vault holds no device, or no account or key the call names. */
  | 'NOT_ENROLLED'
  /** Several accounts could answer; the call must name one. */
  | 'ACCOUNT_CHOICE_NEEDED'
  /** The encoded message does not encode the hash of what is displayed; nothing was signed. */
  | 'ENCODED_MESSAGE_MISMATCH'
  /** The transport failed (no response); a pending signature request stays in the vault for a retry. */
  | 'TRANSPORT_FAILURE'
  /** The server answered with an HTTP error. */
  | 'SERVER_ERROR'
  /** The server's answer breaks the app API contract. */
  | 'INVALID_RESPONSE'
  /** A watch pairing cannot be completed: expired, rejected, or a key that does not match its commitment. */
  | 'PAIRING_FAILED'
  /** No watch is paired (phone), or the watch state is not a paired channel. */
  | 'NOT_PAIRED'
  /** A companion message failed authentication, was replayed or reordered, or is malformed; it was dropped. */
  | 'COMPANION_MESSAGE_REJECTED';

/** A refused call in @tessera/device; `code` is stable, `message` never carries a secret. */
export class DeviceError extends Error {
  override readonly name = 'DeviceError';

  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; problemCode?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
    this.problemCode = options?.problemCode;
  }

  /** The HTTP status, for `SERVER_ERROR`. */
  readonly status: number | undefined;
  /** The problem document's `code`, for `SERVER_ERROR` when the server sent one. */
  readonly problemCode: string | undefined;
}
