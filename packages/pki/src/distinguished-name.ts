import {
  children,
  DerError,
  expectTag,
  isPrintable,
  oid,
  printable,
  readDer,
  readOid,
  readString,
  seq,
  sequenceItems,
  setOf,
  TAG,
  utf8,
} from './der.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';

/** The directory attributes names here are made of. */
export type NameAttributeType =
  | 'C'
  | 'O'
  | 'OU'
  | 'CN'
  | 'SN'
  | 'GN'
  | 'serialNumber'
  | 'organizationIdentifier';

/** A distinguished name as an ordered list of single-valued RDNs, most significant first (as encoded). */
export type DistinguishedName = readonly { readonly type: NameAttributeType; readonly value: string }[];

const ATTRIBUTE_OIDS: Readonly<Record<NameAttributeType, string>> = {
  C: OID.countryName,
  O: OID.organizationName,
  OU: OID.organizationalUnitName,
  CN: OID.commonName,
  SN: OID.surname,
  GN: OID.givenName,
  serialNumber: OID.serialNumber,
  organizationIdentifier: OID.organizationIdentifier,
};

const SHORT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ATTRIBUTE_OIDS).map(([name, o]) => [o, name]),
);

/** Upper bounds from RFC 5280 appendix A (ub-common-name and friends). */
const MAX_LENGTH: Readonly<Record<NameAttributeType, number>> = {
  C: 2,
  O: 64,
  OU: 64,
  CN: 64,
  SN: 32768,
  GN: 32768,
  serialNumber: 64,
  organizationIdentifier: 64,
};

/**
 * The DER Name of a distinguished name. C and serialNumber are PrintableString (RFC 5280), everything else
 * UTF8String. Throws INVALID_SUBJECT for an empty value, one over its upper bound, or a C that is not two capital
 * letters.
 */
export function encodeDistinguishedName(name: DistinguishedName): Uint8Array<ArrayBuffer> {
  if (name.length === 0)
    throw new PkiError('INVALID_SUBJECT', 'A distinguished name needs at least one attribute.');
  const rdns = name.map(({ type, value }) => {
    if (!(type in ATTRIBUTE_OIDS)) throw new PkiError('INVALID_SUBJECT', `Unknown name attribute ${type}.`);
    if (value.length === 0 || value.trim() !== value) {
      throw new PkiError('INVALID_SUBJECT', `The ${type} attribute is empty or has surrounding spaces.`);
    }
    if ([...value].length > MAX_LENGTH[type]) {
      throw new PkiError(
        'INVALID_SUBJECT',
        `The ${type} attribute is longer than ${MAX_LENGTH[type]} characters.`,
      );
    }
    if (type === 'C' && !/^[A-Z]{2}$/.test(value)) {
      throw new PkiError('INVALID_SUBJECT', 'The country (C) is an ISO 3166 two-letter code in capitals.');
    }
    if ((type === 'C' || type === 'serialNumber') && !isPrintable(value)) {
      throw new PkiError('INVALID_SUBJECT', `The ${type} attribute has characters outside PrintableString.`);
    }
    const encoded = type === 'C' || type === 'serialNumber' ? printable(value) : utf8(value);
    return setOf(seq(oid(ATTRIBUTE_OIDS[type]), encoded));
  });
  return seq(...rdns);
}

/** One attribute of a decoded name: its short name when known (else the OID) and its string value. */
export interface NameAttribute {
  readonly type: string;
  readonly oid: string;
  readonly value: string;
}

/** The attributes of a DER Name in encoded order (multi-valued RDNs flattened). Throws INVALID_ARGUMENT. */
export function decodeDistinguishedName(der: Uint8Array): NameAttribute[] {
  try {
    const out: NameAttribute[] = [];
    for (const rdn of sequenceItems(readDer(der), 'Name')) {
      for (const atv of children(expectTag(rdn, TAG.SET, 'RelativeDistinguishedName'))) {
        const [typeNode, valueNode, extra] = sequenceItems(atv, 'AttributeTypeAndValue');
        if (extra !== undefined) throw new DerError('Extra fields in AttributeTypeAndValue.');
        const o = readOid(typeNode, 'attribute type');
        out.push({ type: SHORT_NAMES[o] ?? o, oid: o, value: readString(valueNode, 'attribute value') });
      }
    }
    return out;
  } catch (cause) {
    throw new PkiError('INVALID_ARGUMENT', 'Not a DER distinguished name.', { cause });
  }
}

/** A one-line rendering for people and logs: `CN=..., O=..., C=...` in encoded order. */
export function formatDistinguishedName(der: Uint8Array): string {
  return decodeDistinguishedName(der)
    .map((a) => `${a.type}=${a.value}`)
    .join(', ');
}
