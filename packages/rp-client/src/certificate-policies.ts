import type { CertificateLevel } from '@tessera/protocol';

/** What a certificate is checked for: PIN1 authentication or PIN2 signing. */
export type CertificatePurpose = 'authentication' | 'signing';

/**
 * The certificate policy OIDs a certificate of each level and purpose must all carry (spec §6.4 point 2), as
 * data: a deployment with its own policy arcs passes its own table.
 */
export type CertificatePolicyTable = {
  readonly [L in CertificateLevel]: { readonly [P in CertificatePurpose]: readonly string[] };
};

/** The Smart-ID scheme's policies, which Tessera's sandbox issues too. */
export const SMART_ID_CERTIFICATE_POLICIES: CertificatePolicyTable = {
  QUALIFIED: {
    authentication: ['1.3.6.1.4.1.10015.17.2', '0.4.0.2042.1.2'],
    signing: ['1.3.6.1.4.1.10015.17.2', '0.4.0.194112.1.2'],
  },
  ADVANCED: {
    authentication: ['1.3.6.1.4.1.10015.17.1', '0.4.0.2042.1.1'],
    signing: ['1.3.6.1.4.1.10015.17.1', '0.4.0.2042.1.1'],
  },
};
