import {
  encodeBase64,
  formatSerialNumber,
  generateSerialNumber,
  issueOcspResponderCertificate,
  parseCertificate,
} from '@tessera/pki';
import { responderSubject } from './authority-names.js';
import type { CaContext, LoadedAuthority } from './ca-context.js';
import { addDays, BACKDATE_MS, RESPONDER_RENEW_DAYS, RESPONDER_VALIDITY_DAYS } from './validity.js';

/**
 * Re-certifies an issuing CA's OCSP responder key when its certificate has less than RESPONDER_RENEW_DAYS
 * left (relying parties refuse an expired responder), then records and stores the new certificate. The key
 * stays the same. Returns whether it renewed.
 */
export function renewOcspResponderIfDue(ctx: CaContext, ca: LoadedAuthority): Promise<boolean> {
  // Concurrent OCSP requests share one renewal instead of each issuing a certificate.
  let running = renewals.get(ca);
  if (running === undefined) {
    running = renew(ctx, ca).finally(() => renewals.delete(ca));
    renewals.set(ca, running);
  }
  return running;
}

const renewals = new WeakMap<LoadedAuthority, Promise<boolean>>();

async function renew(ctx: CaContext, ca: LoadedAuthority): Promise<boolean> {
  const responder = ca.responder;
  const now = ctx.clock.now();
  const window = RESPONDER_RENEW_DAYS * 86_400_000;
  if (responder === undefined || responder.notAfter.getTime() - now.getTime() > window) return false;
  // A CA at the end of its own life cannot give its responder more time: no renewal loop.
  if (ca.parsed.notAfter.getTime() - now.getTime() <= window) return false;
  const serial = generateSerialNumber(ctx.random);
  const wanted = addDays(now, RESPONDER_VALIDITY_DAYS);
  const notAfter = wanted.getTime() > ca.parsed.notAfter.getTime() ? ca.parsed.notAfter : wanted;
  const current = parseCertificate(responder.certificate);
  const certificate = await issueOcspResponderCertificate({
    // Named like the CA it answers for, with the hierarchy's year.
    subject: responderSubject(
      ctx.policy.caNames,
      ca.name,
      new Date(ctx.hierarchy.createdAt).getUTCFullYear(),
    ),
    publicKey: current.publicKey,
    issuerCertificate: ca.certificate,
    serial,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    signer: ca.signer,
  });
  await ctx.store.addIssued({
    serial: formatSerialNumber(serial),
    issuer: ca.name,
    kind: 'OCSP_RESPONDER',
    issuedAt: now.toISOString(),
    notAfter: notAfter.toISOString(),
    certificate: encodeBase64(certificate),
  });
  ctx.hierarchy = {
    ...ctx.hierarchy,
    authorities: ctx.hierarchy.authorities.map((a) =>
      a.name === ca.name && a.responder
        ? { ...a, responder: { ...a.responder, certificate: encodeBase64(certificate) } }
        : a,
    ),
  };
  await ctx.store.saveHierarchy(ctx.hierarchy);
  ca.responder = { certificate, notAfter: parseCertificate(certificate).notAfter, signer: responder.signer };
  return true;
}
