import { compact, FieldChecker } from './field-checker.js';
import {
  readAcspV2Parameters,
  readCapabilities,
  readInteractions,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { NotificationAuthenticationRequest } from './rp-api-v3-types.js';
import { AUTHENTICATION_CERTIFICATE_LEVELS, VC_TYPES } from './wire-values.js';

/**
 * Checks the body of v3 endpoints 4–5 (notification authentication) and returns its known fields. Throws
 * `INVALID_REQUEST` listing every offending field; `vcType` is required, `nonce` and `initialCallbackUrl` refused.
 */
export function validateNotificationAuthenticationRequest(body: unknown): NotificationAuthenticationRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  const value = compact({
    ...readRelyingParty(c, o),
    certificateLevel: c.oneOf(o, '', 'certificateLevel', AUTHENTICATION_CERTIFICATE_LEVELS),
    signatureProtocol: 'ACSP_V2' as const,
    signatureProtocolParameters: readAcspV2Parameters(c, o)!,
    interactions: readInteractions(c, o, 'notification')!,
    requestProperties: readRequestProperties(c, o),
    capabilities: readCapabilities(c, o),
    vcType: c.oneOf(o, '', 'vcType', VC_TYPES, true)!,
  });
  c.forbid(o, '', 'nonce', 'nonce is not allowed in authentication requests.');
  c.forbid(o, '', 'initialCallbackUrl', 'Notification flows have no callback URL.');
  return c.done(value);
}
