import vectors from '../../vectors/auth-code.json' with { type: 'json' };
import type { AuthCodeContext, DeviceLinkParameters } from '../device-link.js';
import type { DeviceLinkSessionType, DeviceLinkType } from '../wire-values.js';

const v = vectors.inputs;

/** The parameters of a QR link. */
export type QrLinkParameters = Extract<DeviceLinkParameters, { deviceLinkType: 'QR' }>;

/** The QR link of a vector case, narrowed so tests can change `elapsedSeconds`. */
export function qrLinkOf(link: DeviceLinkParameters): QrLinkParameters {
  if (link.deviceLinkType !== 'QR') throw new Error('Not a QR link.');
  return link;
}

/** The link and session of one case of `vectors/auth-code.json`. */
export function vectorCase(deviceLinkType: string, sessionType: string, brokered: boolean) {
  const common = {
    schemeName: v.schemeName,
    relyingPartyName: v.relyingPartyName,
    brokeredRpName: brokered ? v.brokeredRpName : undefined,
    initialCallbackUrl: v.initialCallbackUrl,
  };
  const context: AuthCodeContext =
    sessionType === 'auth'
      ? { ...common, sessionType: 'auth', rpChallenge: v.rpChallenge, interactions: v.interactions }
      : sessionType === 'sign'
        ? { ...common, sessionType: 'sign', digest: v.digest, interactions: v.interactions }
        : { ...common, sessionType: 'cert' };
  const base = {
    deviceLinkBase: v.deviceLinkBase,
    sessionToken: v.sessionToken,
    sessionType: sessionType as DeviceLinkSessionType,
    lang: v.lang,
  };
  const link: DeviceLinkParameters =
    deviceLinkType === 'QR'
      ? { ...base, deviceLinkType: 'QR', elapsedSeconds: v.qrElapsedSeconds }
      : { ...base, deviceLinkType: deviceLinkType as Exclude<DeviceLinkType, 'QR'> };
  return { link, context };
}
