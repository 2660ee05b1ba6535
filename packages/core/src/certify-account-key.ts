import { bytesToBigint } from '@tessera/crypto';
import { describePublicKey, verifyCertificationRequest } from '@tessera/pki';
import type { Account } from './account.js';
import type { KeyPurpose } from './account-key.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AccountStore, CertificateIssuer } from './ports.js';

/** What certification needs from the world. */
export interface CertifyAccountKeyDeps {
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly issuer: CertificateIssuer;
}

/**
 * Gets the certificate of one key of a pending account. The CSR must carry exactly the key registered at
 * enrolment (CoreError('CSR_KEY_MISMATCH') otherwise) and its signature must verify: made through the
 * two-party protocol, it is the proof of possession. When both keys are certified the account becomes active.
 */
export async function certifyAccountKey(
  deps: CertifyAccountKeyDeps,
  input: { readonly documentNumber: string; readonly purpose: KeyPurpose; readonly csr: Uint8Array },
): Promise<Account> {
  const account = await deps.accounts.get(input.documentNumber);
  if (account === undefined) throw new CoreError('ACCOUNT_NOT_FOUND', 'There is no such account.');
  if (account.state !== 'pending') {
    throw new CoreError('ACCOUNT_NOT_PENDING', 'The account is not waiting for its certificates.');
  }
  const keyId = input.purpose === 'authentication' ? account.authenticationKeyId : account.signingKeyId;
  const key = await deps.keys.get(keyId);
  if (key === undefined) throw new CoreError('KEY_NOT_FOUND', 'The account has no such key.');
  const request = await verifyCertificationRequest(input.csr);
  const carried = describePublicKey(request.publicKey);
  if (
    carried.kind !== 'RSA' ||
    bytesToBigint(carried.modulus) !== key.modulus ||
    carried.publicExponent !== key.publicExponent
  ) {
    throw new CoreError('CSR_KEY_MISMATCH', 'The request is not for the key registered at enrolment.');
  }
  const issued = await deps.issuer.issue({
    csr: input.csr,
    level: account.level,
    purpose: input.purpose === 'authentication' ? 'AUTHENTICATION' : 'SIGNING',
    identity: { ...account.identity, documentNumber: account.documentNumber },
    notBefore: new Date(account.validFrom),
    notAfter: new Date(account.validTo),
  });
  await deps.keys.update(keyId, (k) => ({
    key: { ...k, certificate: { serial: issued.serial, der: issued.certificate } },
    result: null,
  }));
  const [auth, sign] = await Promise.all([
    deps.keys.get(account.authenticationKeyId),
    deps.keys.get(account.signingKeyId),
  ]);
  if (auth?.certificate && sign?.certificate) {
    return deps.accounts.update(account.documentNumber, (a) =>
      a.state === 'pending' ? { ...a, state: 'active' } : a,
    );
  }
  return account;
}
