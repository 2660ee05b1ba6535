import { compact, FieldChecker } from './field-checker.js';
import {
  readCapabilities,
  readInitialCallbackUrl,
  readInteractions,
  readNonce,
  readRawDigestParameters,
  readRelyingParty,
  readRequestProperties,
} from './read-request-fields.js';
import type { DeviceLinkSignatureRequest } from './rp-api-v3-types.js';
import { SIGNING_CERTIFICATE_LEVELS } from './wire-values.js';

/** Checks the body of v3 endpoints 6–7 (device-link signing); throws `INVALID_REQUEST` listing every offending field. */
export function validateDeviceLinkSignatureRequest(body: unknown): DeviceLinkSignatureRequest {
  const c = new FieldChecker('INVALID_REQUEST', 'request body');
  const o = c.root(body);
  return c.done(
    compact({
      ...readRelyingParty(c, o),
      initialCallbackUrl: readInitialCallbackUrl(c, o),
      certificateLevel: c.oneOf(o, '', 'certificateLevel', SIGNING_CERTIFICATE_LEVELS),
      signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
      signatureProtocolParameters: readRawDigestParameters(c, o)!,
      nonce: readNonce(c, o),
      interactions: readInteractions(c, o, 'deviceLink')!,
      requestProperties: readRequestProperties(c, o),
      capabilities: readCapabilities(c, o),
    }),
  );
}
