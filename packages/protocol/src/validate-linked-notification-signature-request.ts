import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readInteractions,
  readNonce,
  readRawDigestParameters,
  readRelyingParty,
  readRequestProperties,
  UUID_PATTERN,
} from './read-request-fields.js';
import type { LinkedNotificationSignatureRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/**
 * Checks the body of v3 endpoint 10 (linked notification signing); throws `INVALID_REQUEST` listing every
 * offending field. Interactions follow the device-link rules: no VC is ever shown in the linked flow.
 */
export function validateLinkedNotificationSignatureRequest(
  body: unknown,
): LinkedNotificationSignatureRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  c.forbid(o, '', 'initialCallbackUrl', 'The linked signature reuses the certificate choice’s callback URL.');
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
      signatureProtocolParameters: readRawDigestParameters(c, o)!,
      linkedSessionID: c.string(o, '', 'linkedSessionID', { required: true, pattern: UUID_PATTERN })!,
      nonce: readNonce(c, o),
      interactions: readInteractions(c, o, 'linkedNotification')!,
      requestProperties: readRequestProperties(c, o),
      capabilities: readCapabilities(c, o),
    }),
  );
}
