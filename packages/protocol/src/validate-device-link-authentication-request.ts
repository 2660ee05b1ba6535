import { compact, FieldChecker } from './field-checker.js';
import {
  readAcspV2Parameters,
  readCapabilities,
  readInitialCallbackUrl,
  readInteractions,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { DeviceLinkAuthenticationRequest } from './rp-api-v3-types.js';
import { AUTHENTICATION_CERTIFICATE_LEVELS } from './wire-values.js';

/**
 * Checks the body of v3 endpoints 1–3 (device-link authentication) and returns its known fields. Throws
 * `INVALID_REQUEST` listing every offending field; `nonce` is refused, `initialCallbackUrl` is optional.
 */
export function validateDeviceLinkAuthenticationRequest(body: unknown): DeviceLinkAuthenticationRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  const value = compact({
    ...readRelyingParty(c, o),
    initialCallbackUrl: readInitialCallbackUrl(c, o),
    certificateLevel: c.oneOf(o, '', 'certificateLevel', AUTHENTICATION_CERTIFICATE_LEVELS),
    signatureProtocol: 'ACSP_V2' as const,
    signatureProtocolParameters: readAcspV2Parameters(c, o)!,
    interactions: readInteractions(c, o, 'deviceLink')!,
    requestProperties: readRequestProperties(c, o),
    capabilities: readCapabilities(c, o),
  });
  c.forbid(o, '', 'nonce', 'nonce is not allowed in authentication requests.');
  return c.done(value);
}
