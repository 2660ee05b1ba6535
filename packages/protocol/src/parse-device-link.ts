import { buildUnprotectedDeviceLink } from './build-unprotected-device-link.js';
import { checkDeviceLinkBase } from './check-device-link-base.js';
import { DEVICE_LINK_VERSION, type DeviceLink, type DeviceLinkParameters } from './device-link.js';
import { ProtocolError } from './protocol-error.js';
import type { DeviceLinkSessionType } from './wire-values.js';

const MAX_LINK_LENGTH = 4096;
const VALUE_PATTERNS: Readonly<Record<string, RegExp>> = {
  deviceLinkType: /^(?:QR|Web2App|App2App)$/,
  elapsedSeconds: /^(?:0|[1-9][0-9]{0,8})$/,
  sessionToken: /^[A-Za-z0-9]{24,}$/,
  sessionType: /^(?:auth|sign|cert)$/,
  version: /^1\.0$/,
  lang: /^[a-z]{3}$/,
  authCode: /^[A-Za-z0-9_-]{43}$/,
};
const SAME_DEVICE_ORDER = ['deviceLinkType', 'sessionToken', 'sessionType', 'version', 'lang', 'authCode'];
const QR_ORDER = ['deviceLinkType', 'elapsedSeconds', ...SAME_DEVICE_ORDER.slice(1)];

function malformed(message: string): ProtocolError {
  return new ProtocolError('MALFORMED_DEVICE_LINK', message);
}

/**
 * Parses a device link of version 1.0 (spec §4.2). Only the canonical form is accepted: parameters in the
 * fixed order, each once, unencoded, `elapsedSeconds` exactly on QR links, nothing else. So the link equals,
 * byte for byte, what `buildDeviceLink` makes from the parsed fields. Throws `MALFORMED_DEVICE_LINK` naming
 * the first problem. Parsing does not authenticate: see `verifyDeviceLink`.
 */
export function parseDeviceLink(link: string): DeviceLink {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH) {
    throw malformed(`A device link is a string of at most ${MAX_LINK_LENGTH} characters.`);
  }
  const mark = link.indexOf('?');
  if (mark < 0) throw malformed('The device link has no query.');
  const deviceLinkBase = link.slice(0, mark);
  const baseProblem = checkDeviceLinkBase(deviceLinkBase);
  if (baseProblem !== undefined) throw malformed(baseProblem);

  const pairs = link.slice(mark + 1).split('&');
  const first = pairs[0]?.split('=') ?? [];
  const order = first[0] === 'deviceLinkType' && first[1] === 'QR' ? QR_ORDER : SAME_DEVICE_ORDER;
  if (pairs.length !== order.length) {
    throw malformed(`The device link must have exactly the parameters ${order.join(', ')}.`);
  }
  const values: Record<string, string> = {};
  pairs.forEach((pair, index) => {
    const name = order[index]!;
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq) !== name) throw malformed(`Parameter ${index + 1} must be ${name}.`);
    const value = pair.slice(eq + 1);
    if (!VALUE_PATTERNS[name]!.test(value)) throw malformed(`The value of ${name} is malformed.`);
    values[name] = value;
  });

  const common = {
    deviceLinkBase,
    sessionToken: values.sessionToken!,
    sessionType: values.sessionType as DeviceLinkSessionType,
    lang: values.lang!,
  };
  const parameters: DeviceLinkParameters =
    values.deviceLinkType === 'QR'
      ? { ...common, deviceLinkType: 'QR', elapsedSeconds: Number(values.elapsedSeconds) }
      : { ...common, deviceLinkType: values.deviceLinkType as 'Web2App' | 'App2App' };
  const authCode = values.authCode!;
  // The patterns above admit only canonical values; this pins the byte-for-byte promise.
  if (`${buildUnprotectedDeviceLink(parameters)}&authCode=${authCode}` !== link) {
    throw malformed('The device link is not in canonical form.');
  }
  return { ...parameters, version: DEVICE_LINK_VERSION, authCode };
}
