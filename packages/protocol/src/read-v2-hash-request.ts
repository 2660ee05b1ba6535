import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readNonce,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import { readAllowedInteractionsOrder, readV2Hash } from './read-v2-hash.js';
import type { V2AuthenticationRequest } from './rp-api-v2-types.js';

/**
 * The one reader of a v2 hash-signing body (`/v2/authentication/…` and `/v2/signature/…` have the same fields and
 * differ only in the certificate levels they allow); throws `INVALID_REQUEST` listing every offending field.
 */
export function readV2HashRequest<Level extends string>(
  body: unknown,
  certificateLevels: readonly Level[],
): Omit<V2AuthenticationRequest, 'certificateLevel'> & { certificateLevel?: Level } {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  const { hash, hashType } = readV2Hash(c, o);
  return c.done(
    compact({
      ...readRelyingParty(c, o, true),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', certificateLevels),
      hash: hash!,
      hashType: hashType!,
      allowedInteractionsOrder: readAllowedInteractionsOrder(c, o)!,
      nonce: readNonce(c, o),
      capabilities: readCapabilities(c, o),
      requestProperties: readRequestProperties(c, o),
    }),
  );
}
