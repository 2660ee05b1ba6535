import type { CaNaming, DistinguishedName } from '@tessera/pki';
import type { CaName } from './ca-names.js';

/** The subject of a CA of the hierarchy: C, O, organizationIdentifier, CN "<common name> <year>". */
export function authoritySubject(naming: CaNaming, name: CaName, year: number): DistinguishedName {
  const commonName = {
    root: naming.rootCommonName,
    qualified: naming.qualifiedCommonName,
    advanced: naming.advancedCommonName,
  }[name];
  return [
    ...(naming.country ? [{ type: 'C' as const, value: naming.country }] : []),
    { type: 'O', value: naming.organization },
    ...(naming.organizationIdentifier
      ? [{ type: 'organizationIdentifier' as const, value: naming.organizationIdentifier }]
      : []),
    { type: 'CN', value: `${commonName} ${year}` },
  ];
}

/** The subject of an issuing CA's delegated OCSP responder. */
export function responderSubject(naming: CaNaming, name: CaName, year: number): DistinguishedName {
  const subject = authoritySubject(naming, name, year);
  return subject.map((a) => (a.type === 'CN' ? { type: 'CN', value: `${a.value} OCSP Responder` } : a));
}
