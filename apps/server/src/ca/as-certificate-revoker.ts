import type { CertificateRevoker } from '@tessera/core';
import type { CertificateAuthority } from './open-certificate-authority.js';

/** The CA module as the domain's certificate revoker (a key locked for good, a clone, a deleted account). */
export function asCertificateRevoker(ca: CertificateAuthority): CertificateRevoker {
  return {
    async revoke(serial, reason) {
      await ca.revoke(serial, reason);
    },
  };
}
