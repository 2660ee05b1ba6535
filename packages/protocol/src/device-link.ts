import type { DeviceLinkSessionType, DeviceLinkType } from './wire-values.js';

/** The only device-link `version` (spec §4.2). */
export const DEVICE_LINK_VERSION = '1.0';

/** The fields of a device link before its authCode; `elapsedSeconds` exists exactly on QR links. */
export type DeviceLinkParameters = {
  /** The session's `deviceLinkBase`, used verbatim. */
  readonly deviceLinkBase: string;
  /** Alphanumeric, at least 24 characters. */
  readonly sessionToken: string;
  readonly sessionType: DeviceLinkSessionType;
  /** ISO 639-2 three-letter language code of the fallback page, e.g. `eng`. */
  readonly lang: string;
} & (
  | { readonly deviceLinkType: 'QR'; readonly elapsedSeconds: number }
  | { readonly deviceLinkType: Exclude<DeviceLinkType, 'QR'>; readonly elapsedSeconds?: undefined }
);

/** A parsed device link: its parameters, version and authCode. */
export type DeviceLink = DeviceLinkParameters & {
  readonly version: typeof DEVICE_LINK_VERSION;
  readonly authCode: string;
};

interface AuthCodeContextCommon {
  /** `smart-id`, `smart-id-demo`, or the deployment's own (see `SCHEME_NAMES`). */
  readonly schemeName: string;
  /** Exactly the string the RP sent (case matters here). */
  readonly relyingPartyName: string;
  /** Set only when the RP is a broker; empty or absent otherwise. */
  readonly brokeredRpName?: string | undefined;
  /** The session's callback URL as sent; required for Web2App/App2App links, left out of QR payloads. */
  readonly initialCallbackUrl?: string | undefined;
}

/**
 * What the session contributes to a device link's authCode (spec §4.3): the raw strings as the RP sent them.
 * Certificate-choice sessions have no protocol, challenge or interactions.
 */
export type AuthCodeContext = AuthCodeContextCommon &
  (
    | { readonly sessionType: 'auth'; readonly rpChallenge: string; readonly interactions: string }
    | { readonly sessionType: 'sign'; readonly digest: string; readonly interactions: string }
    | { readonly sessionType: 'cert' }
  );

/**
 * How fresh a QR link's `elapsedSeconds` must be. The RP counts from when it received the session-creation
 * response, the server from when it sent it, so the RP's count may trail the server's by the time the QR was
 * on screen plus transport, and lead it only by rounding.
 */
export interface QrFreshnessPolicy {
  /** The largest `elapsedSeconds` accepted at all. */
  readonly maxElapsedSeconds: number;
  /** How many seconds `elapsedSeconds` may trail the server's own count. */
  readonly maxLagSeconds: number;
  /** How many seconds `elapsedSeconds` may run ahead of the server's own count. */
  readonly maxLeadSeconds: number;
}

/**
 * Tessera's default QR freshness (the RP API fixes none): QR codes are regenerated every second for about a
 * minute and should never be shown older than about 3 s.
 */
export const DEFAULT_QR_FRESHNESS: QrFreshnessPolicy = {
  maxElapsedSeconds: 120,
  maxLagSeconds: 10,
  maxLeadSeconds: 2,
};
