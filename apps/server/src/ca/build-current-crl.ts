import { buildCrl, parseSerialNumber } from '@tessera/pki';
import type { CaContext } from './ca-context.js';
import { CaError } from './ca-error.js';
import { type CaName, isCaName } from './ca-names.js';

/**
 * The current CRL of a CA: rebuilt (with the next CRL number) when a revocation was added, including by
 * another process sharing the store, or when the cached one is older than the refresh interval; served from
 * the cache otherwise. Every CRL carries nextUpdate. Throws CaError CA_NOT_FOUND for an unknown name.
 */
export async function buildCurrentCrl(ctx: CaContext, name: string): Promise<Uint8Array> {
  const ca = isCaName(name) ? ctx.authorities.get(name) : undefined;
  if (ca === undefined) throw new CaError('CA_NOT_FOUND', `There is no CA named "${name}".`);
  const revoked = await ctx.store.listRevoked(name as CaName);
  const fingerprint = revoked
    .map((r) => `${r.serial}@${r.revocation!.revokedAt}`)
    .sort()
    .join(',');
  const now = ctx.clock.now();
  const cached = ctx.crlCache.get(ca.name);
  if (cached && cached.fingerprint === fingerprint && now.getTime() < cached.refreshAt) return cached.der;
  const der = await buildCrl({
    issuerCertificate: ca.certificate,
    signer: ca.signer,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + ctx.crlTiming.validityMs),
    crlNumber: await ctx.store.nextCrlNumber(ca.name),
    entries: revoked.map((r) => ({
      serialNumber: parseSerialNumber(r.serial),
      revokedAt: new Date(r.revocation!.revokedAt),
      reason: r.revocation!.reason,
    })),
  });
  ctx.crlCache.set(ca.name, { der, fingerprint, refreshAt: now.getTime() + ctx.crlTiming.refreshMs });
  return der;
}
