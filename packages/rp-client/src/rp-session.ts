import type {
  DeviceLinkAuthenticationRequest,
  DeviceLinkCertificateChoiceRequest,
  DeviceLinkSignatureRequest,
  FlowType,
  LinkedNotificationSignatureRequest,
  NotificationAuthenticationRequest,
  NotificationCertificateChoiceRequest,
  NotificationSignatureRequest,
  V2AuthenticationRequest,
} from '@tessera/protocol';

/** Whom a session addresses: a person by semantics identifier, one account by document number, or anyone. */
export type SessionTarget =
  | { readonly semanticsIdentifier: string }
  | { readonly documentNumber: string }
  | { readonly anonymous: true };

/** What the server returned for a device-link session: the link material. `sessionSecret` is secret. */
export interface DeviceLinkMaterial {
  readonly sessionToken: string;
  readonly sessionSecret: string;
  readonly deviceLinkBase: string;
  /** When the creation response arrived (epoch ms): QR links count `elapsedSeconds` from here. */
  readonly receivedAt: number;
}

interface SessionCommon {
  readonly sessionID: string;
  readonly target: SessionTarget;
  /** The flow types a result may report: QR always on device links, Web2App/App2App with a callback URL. */
  readonly offeredFlowTypes: readonly FlowType[];
}

/**
 * A started session as plain data: the exact request sent (every response is checked against it) and what the
 * server answered. It survives `JSON.stringify`, so a web relying party can keep it in its own session store
 * between the page that shows the QR code, the callback, and the poll. It holds the session secret: keep it
 * server-side.
 */
export type RpSession =
  | (SessionCommon &
      DeviceLinkMaterial & {
        readonly api: 'v3';
        readonly kind: 'authentication';
        readonly flow: 'device-link';
        readonly request: DeviceLinkAuthenticationRequest;
      })
  | (SessionCommon & {
      readonly api: 'v3';
      readonly kind: 'authentication';
      readonly flow: 'notification';
      readonly request: NotificationAuthenticationRequest;
      /** Show it to the person: the app shows the same code (or it among three). */
      readonly verificationCode: string;
    })
  | (SessionCommon &
      DeviceLinkMaterial & {
        readonly api: 'v3';
        readonly kind: 'signature';
        readonly flow: 'device-link';
        readonly request: DeviceLinkSignatureRequest;
      })
  | (SessionCommon & {
      readonly api: 'v3';
      readonly kind: 'signature';
      readonly flow: 'notification';
      readonly request: NotificationSignatureRequest;
      /** Chosen by the server; show it to the person. */
      readonly verificationCode: string;
    })
  | (SessionCommon & {
      readonly api: 'v3';
      readonly kind: 'signature';
      readonly flow: 'linked';
      readonly request: LinkedNotificationSignatureRequest;
    })
  | (SessionCommon &
      DeviceLinkMaterial & {
        readonly api: 'v3';
        readonly kind: 'certificate-choice';
        readonly flow: 'device-link';
        readonly request: DeviceLinkCertificateChoiceRequest;
      })
  | (SessionCommon & {
      readonly api: 'v3';
      readonly kind: 'certificate-choice';
      readonly flow: 'notification';
      readonly request: NotificationCertificateChoiceRequest;
    })
  | (SessionCommon & {
      readonly api: 'v2';
      readonly kind: 'authentication';
      readonly flow: 'notification';
      readonly request: V2AuthenticationRequest;
      /** Computed from the hash; show it to the person. */
      readonly verificationCode: string;
    });

/** A session that has device links. */
export type DeviceLinkSession = Extract<RpSession, { flow: 'device-link' }>;
