/** Every broken contract in @tessera/core. Expected outcomes (a wrong PIN, a lock) are values, not errors. */
export type CoreErrorCode =
  | 'INVALID_ARGUMENT'
  | 'KEY_NOT_FOUND'
  | 'KEY_EXISTS'
  | 'STALE_ATTEMPT'
  | 'RELYING_PARTY_UNAUTHORIZED'
  | 'RELYING_PARTY_FORBIDDEN'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_EXISTS'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_EXISTS'
  | 'ACCOUNT_NOT_PENDING'
  | 'CSR_KEY_MISMATCH'
  | 'SESSION_NOT_OPEN'
  | 'ACCOUNT_NOT_USABLE'
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_EXISTS'
  | 'INVALID_DEVICE_KEY'
  | 'KEY_SPLIT_INVALID'
  | 'VERIFICATION_CODE_NOT_CHOSEN'
  | 'LINKED_SESSION_INVALID'
  /** The person has usable accounts, none of the level asked (v2: 471). */
  | 'NO_SUITABLE_ACCOUNT'
  /** The person's accounts need them in the app or portal first, e.g. all expired (v2: 472). */
  | 'PERSON_SHOULD_VIEW_APP'
  /** The device waits for the signature linked to its certificate choice; another transaction ended. */
  | 'EXPECTED_LINKED_SESSION'
  /** Another open watch pairing holds this pairing code (draw another). */
  | 'PAIRING_CODE_TAKEN'
  /** There is no such companion channel. */
  | 'CHANNEL_NOT_FOUND';

/** A refused call into the domain; `code` is stable, `message` is for people and never holds a secret. */
export class CoreError extends Error {
  override readonly name = 'CoreError';

  constructor(
    readonly code: CoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
