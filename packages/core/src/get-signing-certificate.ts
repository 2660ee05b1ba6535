import { getPinLockStatus } from '@tessera/crypto';
import type { AccountLevel } from './account.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AccountStore, Clock } from './ports.js';

/** The answer of the synchronous signing-certificate endpoint (spec §2.2, endpoint 11). */
export type SigningCertificateAnswer =
  | { readonly state: 'OK'; readonly certificate: Uint8Array; readonly level: AccountLevel }
  | { readonly state: 'DOCUMENT_UNUSABLE' };

/**
 * The signing certificate of one account, for an RP that already knows the document number (after an
 * authentication): `DOCUMENT_UNUSABLE` when the account cannot sign now (not active, expired, below the level
 * asked, its signing key locked or without a certificate). CoreError('ACCOUNT_NOT_FOUND') for no such account.
 */
export async function getSigningCertificate(
  deps: { readonly accounts: AccountStore; readonly keys: AccountKeyStore; readonly clock: Clock },
  input: { readonly documentNumber: string; readonly certificateLevel: 'ADVANCED' | 'QUALIFIED' | 'QSCD' },
): Promise<SigningCertificateAnswer> {
  const account = await deps.accounts.get(input.documentNumber);
  if (account === undefined || account.state === 'deleted') {
    throw new CoreError('ACCOUNT_NOT_FOUND', 'There is no such account.');
  }
  const now = deps.clock.now();
  const key = await deps.keys.get(account.signingKeyId);
  const levelOk = input.certificateLevel === 'ADVANCED' || account.level === 'QUALIFIED';
  if (
    account.state !== 'active' ||
    now >= account.validTo ||
    !levelOk ||
    key?.certificate == null ||
    getPinLockStatus(key.lock, now).locked
  ) {
    return { state: 'DOCUMENT_UNUSABLE' };
  }
  return { state: 'OK', certificate: key.certificate.der, level: account.level };
}
