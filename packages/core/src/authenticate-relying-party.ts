import { CoreError } from './core-error.js';
import type { RelyingParty } from './relying-party.js';

function ipv4ToNumber(address: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

/** Whether `address` (IPv4, IPv6, or IPv4-mapped IPv6) is `source`: `*`, an exact address or an IPv4 CIDR. */
export function matchesSource(address: string, source: string): boolean {
  if (source === '*') return true;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  const [network, bits] = source.split('/');
  if (bits === undefined) return plain.toLowerCase() === source.toLowerCase();
  const a = ipv4ToNumber(plain);
  const n = ipv4ToNumber(network ?? '');
  const prefix = Number(bits);
  if (a === null || n === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(n / size);
}

/**
 * The RP API's caller check (spec §1): an unknown UUID or a name the RP does not have is 403; a known RP
 * calling from an address it did not register is 401. Returns the RP on success.
 */
export function authenticateRelyingParty(
  rp: RelyingParty | undefined,
  claimedName: string,
  sourceAddress: string,
): RelyingParty {
  if (rp === undefined) {
    throw new CoreError('RELYING_PARTY_FORBIDDEN', 'No relying party has this UUID.');
  }
  if (!rp.allowedSources.some((s) => matchesSource(sourceAddress, s))) {
    throw new CoreError('RELYING_PARTY_UNAUTHORIZED', 'The relying party does not call from this address.');
  }
  const name = claimedName.toLowerCase();
  if (!rp.names.some((n) => n.toLowerCase() === name)) {
    throw new CoreError('RELYING_PARTY_FORBIDDEN', 'The relying party has no such name.');
  }
  return rp;
}
