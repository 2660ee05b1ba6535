import { encodeBase64 } from './base64.js';
import { buildUnprotectedDeviceLink } from './build-unprotected-device-link.js';
import type { AuthCodeContext, DeviceLinkParameters } from './device-link.js';
import { ProtocolError } from './protocol-error.js';

const utf8 = new TextEncoder();

/**
 * The one canonical authCode payload (spec §4.3), as UTF-8 bytes:
 * `schemeName|signatureProtocol|rpChallengeOrDigest|B64(relyingPartyName)|B64(brokeredRpName)|interactions|initialCallbackUrl|unprotectedDeviceLink`.
 * All eight fields are always present. Certificate choice leaves protocol, challenge and interactions empty;
 * QR links leave the callback URL empty; Web2App and App2App links need one.
 */
export function buildAuthCodePayload(link: DeviceLinkParameters, context: AuthCodeContext): Uint8Array {
  if (link.sessionType !== context.sessionType) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The link and the session disagree on sessionType.');
  }
  let protocol = '';
  let challenge = '';
  let interactions = '';
  if (context.sessionType === 'auth') {
    protocol = 'ACSP_V2';
    challenge = context.rpChallenge;
    interactions = context.interactions;
  } else if (context.sessionType === 'sign') {
    protocol = 'RAW_DIGEST_SIGNATURE';
    challenge = context.digest;
    interactions = context.interactions;
  }
  let callback = '';
  if (link.deviceLinkType !== 'QR') {
    if (!context.initialCallbackUrl) {
      throw new ProtocolError('INVALID_ARGUMENT', `${link.deviceLinkType} links need an initialCallbackUrl.`);
    }
    callback = context.initialCallbackUrl;
  }
  const fields = [
    context.schemeName,
    protocol,
    challenge,
    encodeBase64(utf8.encode(context.relyingPartyName)),
    context.brokeredRpName ? encodeBase64(utf8.encode(context.brokeredRpName)) : '',
    interactions,
    callback,
  ];
  if (context.schemeName === '') throw new ProtocolError('INVALID_ARGUMENT', 'The scheme name is empty.');
  // Every field but the last is separator-free, so the payload splits in exactly one way.
  if (fields.some((field) => field.includes('|'))) {
    throw new ProtocolError('INVALID_ARGUMENT', 'An authCode payload field contains "|".');
  }
  fields.push(buildUnprotectedDeviceLink(link));
  return utf8.encode(fields.join('|'));
}
