import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readInteractions,
  readNonce,
  readRawDigestParameters,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { NotificationSignatureRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of v3 endpoints 8–9 (notification signing); throws `INVALID_REQUEST` listing every offending field. */
export function validateNotificationSignatureRequest(body: unknown): NotificationSignatureRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  c.forbid(o, '', 'initialCallbackUrl', 'Notification flows have no callback URL.');
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
      signatureProtocolParameters: readRawDigestParameters(c, o)!,
      nonce: readNonce(c, o),
      interactions: readInteractions(c, o, 'notification')!,
      requestProperties: readRequestProperties(c, o),
      capabilities: readCapabilities(c, o),
    }),
  );
}
