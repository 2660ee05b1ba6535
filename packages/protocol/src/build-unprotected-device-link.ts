import { checkDeviceLinkBase } from './check-device-link-base.js';
import { DEVICE_LINK_VERSION, type DeviceLinkParameters } from './device-link.js';
import { ProtocolError } from './protocol-error.js';
import { DEVICE_LINK_SESSION_TYPES, DEVICE_LINK_TYPES } from './wire-values.js';

const SESSION_TOKEN = /^[A-Za-z0-9]{24,}$/;
const LANG = /^[a-z]{3}$/;

/**
 * The device link without `&authCode=…` (spec §4.2): the base, then the parameters in their fixed order,
 * unencoded. QR links carry `elapsedSeconds` right after `deviceLinkType`; same-device links carry none.
 * This string is both the prefix of the final link and the last field of the authCode payload.
 */
export function buildUnprotectedDeviceLink(link: DeviceLinkParameters): string {
  const baseProblem = checkDeviceLinkBase(link.deviceLinkBase);
  if (baseProblem !== undefined) throw new ProtocolError('INVALID_ARGUMENT', baseProblem);
  if (!DEVICE_LINK_TYPES.includes(link.deviceLinkType)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'Unknown deviceLinkType.');
  }
  if (!DEVICE_LINK_SESSION_TYPES.includes(link.sessionType)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'Unknown sessionType.');
  }
  if (!SESSION_TOKEN.test(link.sessionToken)) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      'The session token must be at least 24 alphanumeric characters.',
    );
  }
  if (!LANG.test(link.lang)) {
    throw new ProtocolError('INVALID_ARGUMENT', 'lang must be a three-letter lower-case ISO 639-2 code.');
  }
  let elapsed = '';
  if (link.deviceLinkType === 'QR') {
    if (!Number.isSafeInteger(link.elapsedSeconds) || link.elapsedSeconds < 0) {
      throw new ProtocolError(
        'INVALID_ARGUMENT',
        'elapsedSeconds must be a non-negative integer on QR links.',
      );
    }
    elapsed = `&elapsedSeconds=${link.elapsedSeconds}`;
  } else if (link.elapsedSeconds !== undefined) {
    throw new ProtocolError('INVALID_ARGUMENT', 'Only QR links carry elapsedSeconds.');
  }
  return (
    `${link.deviceLinkBase}?deviceLinkType=${link.deviceLinkType}${elapsed}` +
    `&sessionToken=${link.sessionToken}&sessionType=${link.sessionType}` +
    `&version=${DEVICE_LINK_VERSION}&lang=${link.lang}`
  );
}
