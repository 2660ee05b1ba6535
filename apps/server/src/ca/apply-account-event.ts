import { type AccountEvent, decideAccountRevocation } from '@tessera/pki';
import type { CaContext } from './ca-context.js';
import { revokeCertificate } from './revoke-certificate.js';

/**
 * Applies an account event to the account's certificates (by document number): a temporary PIN lock leaves
 * them good; a permanent lock, a clone or a deleted account revokes every one not yet revoked. Returns the
 * serials revoked now.
 */
export async function applyAccountEvent(
  ctx: CaContext,
  documentNumber: string,
  event: AccountEvent,
): Promise<{ readonly revoked: readonly string[] }> {
  const decision = decideAccountRevocation(event);
  if (!decision.revoke) return { revoked: [] };
  const revoked: string[] = [];
  for (const record of await ctx.store.listIssuedByDocumentNumber(documentNumber)) {
    if (record.revocation !== undefined) continue;
    const outcome = await revokeCertificate(ctx, record.serial, decision.reason);
    if (!outcome.alreadyRevoked) revoked.push(record.serial);
  }
  return { revoked };
}
