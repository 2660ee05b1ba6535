import type { DistinguishedName } from './distinguished-name.js';
import { PkiError } from './pki-error.js';

/** The identity an end-entity certificate states, taken from the account (never from the CSR). */
export interface SubjectIdentity {
  /** ISO 3166 two-letter country code of the identity, e.g. `EE`. */
  readonly country: string;
  readonly givenName: string;
  readonly surname: string;
  /** ETSI EN 319 412-1 semantics identifier, e.g. `PNOEE-40504040001`: goes into the subject serialNumber. */
  readonly semanticsIdentifier: string;
  /** The account's document number, e.g. `PNOEE-40504040001-MOCK-Q`: goes into the SubjectAltName. */
  readonly documentNumber: string;
  /** Date of birth as `YYYY-MM-DD`, if known: goes into subjectDirectoryAttributes. */
  readonly dateOfBirth?: string;
}

const SEMANTICS_IDENTIFIER = /^(PNO|PAS|IDC|TIN)[A-Z]{2}-[A-Za-z0-9][A-Za-z0-9\-.:/+]*$/;
const DOCUMENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9\-.:/+]*$/;

/**
 * The subject DN of the Smart-ID profile (RP API digest §6.5): C, CN "SURNAME,GIVENNAME", SN, GN, serialNumber.
 * Throws INVALID_SUBJECT if a field does not fit.
 */
export function subjectNameOf(identity: SubjectIdentity): DistinguishedName {
  if (!SEMANTICS_IDENTIFIER.test(identity.semanticsIdentifier) || identity.semanticsIdentifier.length > 64) {
    throw new PkiError(
      'INVALID_SUBJECT',
      'The semantics identifier must look like PNOEE-40504040001 (type PNO/PAS/IDC/TIN, country, "-", id).',
    );
  }
  if (!DOCUMENT_NUMBER.test(identity.documentNumber) || identity.documentNumber.length > 64) {
    throw new PkiError('INVALID_SUBJECT', 'The document number must be 1–64 letters, digits and - . : / +.');
  }
  if (identity.surname.includes(',') || identity.givenName.includes(',')) {
    throw new PkiError('INVALID_SUBJECT', 'Names must not contain a comma: the CN joins them with one.');
  }
  return [
    { type: 'C', value: identity.country },
    { type: 'CN', value: `${identity.surname},${identity.givenName}` },
    { type: 'SN', value: identity.surname },
    { type: 'GN', value: identity.givenName },
    { type: 'serialNumber', value: identity.semanticsIdentifier },
  ];
}

/** The dateOfBirth attribute value: that day at 12:00:00Z (RFC 3739 §3.2.2, as in the demo fixture). */
export function dateOfBirthOf(identity: SubjectIdentity): Date | undefined {
  if (identity.dateOfBirth === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(identity.dateOfBirth);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : undefined;
  if (
    !m ||
    !date ||
    Number(m[1]) < 1800 ||
    date.getUTCMonth() !== Number(m[2]) - 1 ||
    date.getUTCDate() !== Number(m[3])
  ) {
    throw new PkiError('INVALID_SUBJECT', 'The date of birth must be a real date written YYYY-MM-DD.');
  }
  return date;
}
