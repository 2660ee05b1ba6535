import {
  DEFAULT_QR_FRESHNESS,
  type DeviceLinkAuthenticationRequest,
  type DeviceLinkCertificateChoiceRequest,
  type DeviceLinkSignatureRequest,
  parseDeviceLink,
  verifyDeviceLink,
} from '@tessera/protocol';
import {
  bindTransaction,
  type TakeTransactionDeps,
  type TakeTransactionInput,
  type TakeTransactionResult,
} from './bind-transaction.js';
import { CoreError } from './core-error.js';

/** What opening a device link needs from the world. */
export interface OpenDeviceLinkDeps extends TakeTransactionDeps {
  readonly deviceLinkBase: string;
}

/** What the device presents: the link it scanned or was opened with, and how it takes the transaction. */
export interface OpenDeviceLinkInput extends TakeTransactionInput {
  readonly link: string;
}

/**
 * A device opens a device link of an authentication or signature session (spec §4.3): the link must verify (canonical form,
 * token, authCode, QR freshness: ProtocolError otherwise), then the session is bound to the device's account
 * (`bindTransaction`) with the link's flow type.
 */
export async function openDeviceLink(
  deps: OpenDeviceLinkDeps,
  input: OpenDeviceLinkInput,
): Promise<TakeTransactionResult> {
  const token = parseDeviceLink(input.link).sessionToken;
  const session = await deps.sessions.findByToken(token);
  if (session === undefined || session.flow !== 'device-link') {
    throw new CoreError('SESSION_NOT_FOUND', 'The link names no session.');
  }
  const request = session.request as unknown as
    | DeviceLinkAuthenticationRequest
    | DeviceLinkSignatureRequest
    | DeviceLinkCertificateChoiceRequest;
  const common = {
    schemeName: deps.schemeName,
    relyingPartyName: session.relyingPartyName,
    ...(session.brokeredRpName === null ? {} : { brokeredRpName: session.brokeredRpName }),
    initialCallbackUrl: request.initialCallbackUrl,
  };
  const link = verifyDeviceLink(input.link, {
    deviceLinkBase: deps.deviceLinkBase,
    sessionToken: session.sessionToken,
    sessionSecret: session.sessionSecret,
    context: !('signatureProtocolParameters' in request)
      ? { ...common, sessionType: 'cert' }
      : 'digest' in request.signatureProtocolParameters
        ? {
            ...common,
            sessionType: 'sign',
            digest: request.signatureProtocolParameters.digest,
            interactions: request.interactions,
          }
        : {
            ...common,
            sessionType: 'auth',
            rpChallenge: request.signatureProtocolParameters.rpChallenge,
            interactions: request.interactions,
          },
    responseSentAt: session.createdAt,
    now: deps.clock.now(),
    qrFreshness: DEFAULT_QR_FRESHNESS,
  });
  return bindTransaction(deps, session, link.deviceLinkType, input);
}
