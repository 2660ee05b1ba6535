import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readNonce,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import { readAllowedInteractionsOrder, readV2Hash } from './read-v2-hash.js';
import type { V2SignatureRequest } from './rp-api-v2-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of `POST /v2/signature/…`; throws `INVALID_REQUEST` listing every offending field. */
export function validateV2SignatureRequest(body: unknown): V2SignatureRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  const { hash, hashType } = readV2Hash(c, o);
  return c.done(
    compact({
      ...readRelyingParty(c, o, true),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      hash: hash!,
      hashType: hashType!,
      allowedInteractionsOrder: readAllowedInteractionsOrder(c, o)!,
      nonce: readNonce(c, o),
      capabilities: readCapabilities(c, o),
      requestProperties: readRequestProperties(c, o),
    }),
  );
}
