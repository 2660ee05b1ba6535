import type { Account } from './account.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AccountStore, CertificateRevoker } from './ports.js';
import { type RecordAuditEventDeps, recordAuditEvent } from './record-audit-event.js';

/** What deleting an account needs from the world. */
export interface DeleteDeviceAccountDeps extends RecordAuditEventDeps {
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly revoker: CertificateRevoker;
}

/**
 * A device deletes one of its accounts: the account becomes `deleted` (no new transaction reaches it), the
 * deletion is audited, and the certificates of both keys are revoked (`cessationOfOperation`). Deleting it
 * again repeats only the revocation, so a failed revocation can be retried. An account of another device is
 * CoreError('ACCOUNT_NOT_FOUND'), as if it did not exist.
 */
export async function deleteDeviceAccount(
  deps: DeleteDeviceAccountDeps,
  input: { readonly deviceId: string; readonly documentNumber: string },
): Promise<Account> {
  const notFound = () => new CoreError('ACCOUNT_NOT_FOUND', 'The device has no such account.');
  const found = await deps.accounts.get(input.documentNumber);
  if (found === undefined || found.deviceId !== input.deviceId) throw notFound();
  let deletedNow = false;
  const account = await deps.accounts.update(input.documentNumber, (a) => {
    if (a.deviceId !== input.deviceId) throw notFound();
    if (a.state === 'deleted') return a;
    deletedNow = true;
    return { ...a, state: 'deleted' };
  });
  if (deletedNow) {
    await recordAuditEvent(deps, {
      kind: 'ACCOUNT_DELETED',
      accountId: account.documentNumber,
      deviceId: input.deviceId,
    });
  }
  for (const keyId of [account.authenticationKeyId, account.signingKeyId]) {
    const certificate = (await deps.keys.get(keyId))?.certificate;
    if (certificate != null) await deps.revoker.revoke(certificate.serial, 'cessationOfOperation');
  }
  return account;
}
