import type { CertificateIssuer } from '@tessera/core';
import type { CertificateAuthority } from './open-certificate-authority.js';

/** The CA module as the domain's certificate issuer (enrolment's `certifyAccountKey`). */
export function asCertificateIssuer(ca: CertificateAuthority): CertificateIssuer {
  return {
    async issue({ csr, level, purpose, identity, notBefore, notAfter }) {
      const { dateOfBirth, ...rest } = identity;
      const issued = await ca.issue({
        csr,
        level,
        purpose,
        identity: dateOfBirth === null ? rest : { ...rest, dateOfBirth },
        notBefore,
        notAfter,
      });
      return { serial: issued.serial, certificate: issued.certificate };
    },
  };
}
