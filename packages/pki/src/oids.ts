/** Object identifiers used by the profiles, OCSP and CRLs, in one table (sources: RFC 5280, RFC 6960, ETSI EN
 * 319 412-1/-5, ETSI EN 319 411-1/-2, the Smart-ID profile in the RP API digest §6.4–6.5). */
export const OID = {
  // Directory attributes (X.520, RFC 5280 appendix A)
  countryName: '2.5.4.6',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  serialNumber: '2.5.4.5',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  organizationIdentifier: '2.5.4.97',
  dateOfBirth: '1.3.6.1.5.5.7.9.1',

  // Certificate extensions
  subjectDirectoryAttributes: '2.5.29.9',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  anyPolicy: '2.5.29.32.0',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  cpsQualifier: '1.3.6.1.5.5.7.2.1',

  // Access methods and OCSP (RFC 6960, RFC 8954)
  caIssuers: '1.3.6.1.5.5.7.48.2',
  ocsp: '1.3.6.1.5.5.7.48.1',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ocspArchiveCutoff: '1.3.6.1.5.5.7.48.1.6',

  // Extended key usages
  clientAuth: '1.3.6.1.5.5.7.3.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  smartIdAuthentication: '1.3.6.1.4.1.62306.5.7.0',

  // QC statements (ETSI EN 319 412-5, RFC 3739)
  pkixQcSyntaxV2: '1.3.6.1.5.5.7.11.2',
  semanticsIdNatural: '0.4.0.194121.1.1',
  qcCompliance: '0.4.0.1862.1.1',
  qcSscd: '0.4.0.1862.1.4',
  qcPds: '0.4.0.1862.1.5',
  qcType: '0.4.0.1862.1.6',
  qcTypeEsign: '0.4.0.1862.1.6.1',

  // Certificate policies (ETSI EN 319 411-1/-2; Smart-ID scheme arcs used by the sandbox policy)
  etsiNcp: '0.4.0.2042.1.1',
  etsiNcpPlus: '0.4.0.2042.1.2',
  etsiQcpNQscd: '0.4.0.194112.1.2',
  smartIdSchemeAdvanced: '1.3.6.1.4.1.10015.17.1',
  smartIdSchemeQualified: '1.3.6.1.4.1.10015.17.2',

  // Keys and signature algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',

  // Hashes
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;
