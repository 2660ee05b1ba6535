/** The assurance level of an account: its certificates come from the QUALIFIED or the ADVANCED issuing CA. */
export type AccountLevel = 'QUALIFIED' | 'ADVANCED';

/**
 * `pending` from enrolment until both keys are certified; `active` after; `deleted` for good. Locks live on the
 * keys (PIN1 and PIN2 count separately) and expiry follows `validTo`, so neither is stored here twice.
 */
export type AccountState = 'pending' | 'active' | 'deleted';

/** Who the account belongs to, as proven at registration (declared, in the sandbox). */
export interface AccountIdentity {
  /** ETSI semantics identifier, e.g. `PNOEE-30303039914`. */
  readonly semanticsIdentifier: string;
  readonly givenName: string;
  readonly surname: string;
  /** ISO 3166 alpha-2, e.g. `EE`. */
  readonly country: string;
  /** `YYYY-MM-DD`, when known. */
  readonly dateOfBirth: string | null;
}

/** One account on one device; a person may have several. */
export interface Account {
  /** Four upper-case letters or digits; with the identifier and level it makes the document number. */
  readonly id: string;
  /** `<semantics identifier>-<id>-Q|NQ`, e.g. `PNOEE-30303039914-MOCK-Q`. */
  readonly documentNumber: string;
  readonly identity: AccountIdentity;
  readonly level: AccountLevel;
  readonly deviceId: string;
  readonly state: AccountState;
  /** Milliseconds since the epoch. */
  readonly validFrom: number;
  readonly validTo: number;
  readonly authenticationKeyId: string;
  readonly signingKeyId: string;
  readonly createdAt: number;
}

/** Accounts are valid for three years from enrolment. */
export const ACCOUNT_VALIDITY_YEARS = 3;
