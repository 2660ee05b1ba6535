/** Validity periods of the hierarchy's own certificates, and calendar arithmetic for them. */

/** The root CA: long enough to outlive many issuing CAs. */
export const ROOT_VALIDITY_YEARS = 20;
/** An issuing CA: end-entity certificates (3 years by default) must end before it does. */
export const ISSUING_VALIDITY_YEARS = 10;
/** A delegated OCSP responder certificate; renewed (same key) when less than RESPONDER_RENEW_DAYS remain. */
export const RESPONDER_VALIDITY_DAYS = 365;
export const RESPONDER_RENEW_DAYS = 30;
/** CA and responder certificates start this much before their creation, for relying parties with slow clocks. */
export const BACKDATE_MS = 60 * 60 * 1000;

/** `date` plus whole calendar years (UTC), whole seconds. */
export function addYears(date: Date, years: number): Date {
  const d = new Date(Math.floor(date.getTime() / 1000) * 1000);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** `date` plus days, whole seconds. */
export function addDays(date: Date, days: number): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000 + days * 86_400_000);
}
