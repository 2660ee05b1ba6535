import type { CertificateLevel } from '@tessera/pki';

/** The CAs of the hierarchy: one root and one issuing CA per certificate level. */
export type CaName = 'root' | 'qualified' | 'advanced';

/** Every CA name, root first. */
export const CA_NAMES: readonly CaName[] = ['root', 'qualified', 'advanced'];

/** The issuing CA of a certificate level. */
export function issuingCaOf(level: CertificateLevel): 'qualified' | 'advanced' {
  return level === 'QUALIFIED' ? 'qualified' : 'advanced';
}

/** Whether `name` names a CA of the hierarchy. */
export function isCaName(name: string): name is CaName {
  return (CA_NAMES as readonly string[]).includes(name);
}

/** The URLs a CA's certificates point at, under the server's public URL. */
export function caUrls(publicUrl: string, name: CaName): { caIssuers: string; ocsp?: string; crl: string } {
  const urls = { caIssuers: `${publicUrl}/pki/ca/${name}.der`, crl: `${publicUrl}/pki/crl/${name}.crl` };
  // The root has no OCSP responder: relying parties check the issuing CAs on the root's CRL.
  return name === 'root' ? urls : { ...urls, ocsp: `${publicUrl}/pki/ocsp` };
}
