/** The identity types of ETSI EN 319 412-1 natural-person semantics identifiers Tessera accepts. */
export type IdentityType = 'PNO' | 'IDC' | 'PAS';
/** Every accepted identity type: personal number, national identity card, passport. */
export const IDENTITY_TYPES: readonly IdentityType[] = ['PNO', 'IDC', 'PAS'];

/** A natural-person semantics identifier such as `PNOEE-30303039914` or `PNOLV-030403-10016`. */
export interface SemanticsIdentifier {
  readonly identityType: IdentityType;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly countryCode: string;
  /** The national identifier: upper-case letters and digits, in groups joined by single hyphens. */
  readonly identityNumber: string;
}

/** Whether a document number names a qualified (`Q`) or non-qualified (`NQ`) account. */
export type DocumentLevel = 'Q' | 'NQ';

/** A document number: semantics identifier, 4-character account id and level, e.g. `PNOEE-30303039914-MOCK-Q`. */
export interface DocumentNumber {
  readonly semanticsIdentifier: SemanticsIdentifier;
  /** Four upper-case letters or digits. */
  readonly accountId: string;
  readonly level: DocumentLevel;
}
