/**
 * The Smart-ID Relying Party API v3 as Tessera speaks it on the wire (docs/protocol.md, spec §2–§3): the
 * authentication sessions (endpoints 1–5: device link anonymous, by semantics identifier or document number;
 * notification by semantics identifier or document number), the signature sessions (6–9: device link and
 * notification, by identifier or document number) and the long-poll of session status (14). Errors
 * are the spec's (400/401/403/404, RFC 9457 bodies with fixed wording).
 */
import {
  authenticateRelyingParty,
  CoreError,
  createSession,
  getSessionStatus,
  getSigningCertificate,
  type RpSession,
  type SessionAddressee,
  type SessionRequest,
  type TargetedAddressee,
} from '@tessera/core';
import {
  listIgnoredRequestProperties,
  parseTimeoutMs,
  validateDeviceLinkAuthenticationRequest,
  validateDeviceLinkCertificateChoiceRequest,
  validateDeviceLinkSignatureRequest,
  validateLinkedNotificationSignatureRequest,
  validateNotificationAuthenticationRequest,
  validateNotificationCertificateChoiceRequest,
  validateNotificationSignatureRequest,
  validateSigningCertificateRequest,
} from '@tessera/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { longPollSignal } from '../graceful-close.js';
import type { RpApiDeps } from './rp-api-deps.js';
import { RpApiRefusal, sendRpApiError } from './send-rp-api-error.js';

/** Options of the RP API plugin. */
export interface RpApiRoutesOptions {
  readonly deps: RpApiDeps;
  readonly sessionTimeoutMs: number;
  readonly deviceLinkBase: string;
  /** Refuse every call with 580 UNDER_MAINTENANCE. */
  readonly maintenance?: boolean;
}

const schema = (summary: string) => ({ tags: ['rp-api-v3'], summary });

/** The wire form of a session's status (spec §3). */
export function toSessionStatusResponse(session: RpSession): Record<string, unknown> {
  if (session.state === 'RUNNING' || session.result === null) return { state: 'RUNNING' };
  const { endResult, documentNumber, details, response } = session.result;
  return {
    state: 'COMPLETE',
    result: {
      endResult,
      ...(documentNumber === undefined ? {} : { documentNumber }),
      ...(details === undefined ? {} : { details }),
    },
    ...response,
    ...(session.ignoredProperties.length === 0 ? {} : { ignoredProperties: session.ignoredProperties }),
  };
}

type Params = { identifier?: string; documentNumber?: string };

/** Whom the path addresses. */
function addresseeOf(params: Params): SessionAddressee {
  if (params.identifier !== undefined) return { kind: 'etsi', semanticsIdentifier: params.identifier };
  if (params.documentNumber !== undefined) return { kind: 'document', documentNumber: params.documentNumber };
  return { kind: 'anonymous' };
}

/** The RP API v3 endpoints. */
export const rpApiRoutes: FastifyPluginAsync<RpApiRoutesOptions> = async (app, options) => {
  const { deps, sessionTimeoutMs, deviceLinkBase } = options;
  app.setErrorHandler((error, request, reply) => sendRpApiError(error, request, reply));
  if (options.maintenance === true) {
    app.addHook('onRequest', async () => {
      throw new RpApiRefusal('UNDER_MAINTENANCE');
    });
  }

  /** Authenticates the RP and creates the session; an unknown person or document is the spec's 404. */
  async function start(request: FastifyRequest, session: SessionRequest): Promise<RpSession> {
    const rp = authenticateRelyingParty(
      await deps.relyingParties.get(session.request.relyingPartyUUID),
      session.request.relyingPartyName,
      request.ip,
    );
    try {
      return await createSession({ ...deps, sessionTimeoutMs }, rp, session);
    } catch (error) {
      if (error instanceof CoreError && error.code === 'ACCOUNT_NOT_FOUND') {
        throw new RpApiRefusal(
          session.addressee.kind === 'document' ? 'DOCUMENT_NOT_FOUND' : 'ACCOUNT_NOT_FOUND',
        );
      }
      throw error;
    }
  }

  const deviceLink = async (request: FastifyRequest<{ Params: Params }>) => {
    const session = await start(request, {
      kind: 'authentication',
      flow: 'device-link',
      addressee: addresseeOf(request.params),
      request: validateDeviceLinkAuthenticationRequest(request.body),
      ignoredProperties: listIgnoredRequestProperties(request.body),
    });
    return {
      sessionID: session.id,
      sessionToken: session.sessionToken,
      sessionSecret: session.sessionSecret,
      deviceLinkBase,
    };
  };
  const notification = async (request: FastifyRequest<{ Params: Params }>) => {
    const session = await start(request, {
      kind: 'authentication',
      flow: 'notification',
      addressee: addresseeOf(request.params) as TargetedAddressee,
      request: validateNotificationAuthenticationRequest(request.body),
      ignoredProperties: listIgnoredRequestProperties(request.body),
    });
    return { sessionID: session.id };
  };
  const deviceLinkSignature = async (request: FastifyRequest<{ Params: Params }>) => {
    const session = await start(request, {
      kind: 'signature',
      flow: 'device-link',
      addressee: addresseeOf(request.params) as TargetedAddressee,
      request: validateDeviceLinkSignatureRequest(request.body),
      ignoredProperties: listIgnoredRequestProperties(request.body),
    });
    return {
      sessionID: session.id,
      sessionToken: session.sessionToken,
      sessionSecret: session.sessionSecret,
      deviceLinkBase,
    };
  };
  const notificationSignature = async (request: FastifyRequest<{ Params: Params }>) => {
    const session = await start(request, {
      kind: 'signature',
      flow: 'notification',
      addressee: addresseeOf(request.params) as TargetedAddressee,
      request: validateNotificationSignatureRequest(request.body),
      ignoredProperties: listIgnoredRequestProperties(request.body),
    });
    // Notification signing: the server draws the code and the RP shows it (spec §2.2, §5.1).
    return { sessionID: session.id, vc: { type: 'numeric4', value: session.verificationCode } };
  };

  app.post(
    '/v3/authentication/device-link/anonymous',
    {
      schema: schema(
        'Start a device-link (QR, Web2App, App2App) authentication of whoever scans or opens the link.',
      ),
    },
    deviceLink,
  );
  app.post(
    '/v3/authentication/device-link/etsi/:identifier',
    {
      schema: schema(
        'Start a device-link authentication that only the person with this semantics identifier can answer.',
      ),
    },
    deviceLink,
  );
  app.post(
    '/v3/authentication/device-link/document/:documentNumber',
    {
      schema: schema(
        'Start a device-link authentication that only this account (document number) can answer.',
      ),
    },
    deviceLink,
  );
  app.post(
    '/v3/authentication/notification/etsi/:identifier',
    {
      schema: schema(
        "Start a notification authentication on the person's devices; the RP shows the verification code from its rpChallenge.",
      ),
    },
    notification,
  );
  app.post(
    '/v3/authentication/notification/document/:documentNumber',
    { schema: schema("Start a notification authentication on this account's device.") },
    notification,
  );

  app.post(
    '/v3/signature/device-link/etsi/:identifier',
    {
      schema: schema(
        'Start a device-link signature of a digest by the person with this semantics identifier.',
      ),
    },
    deviceLinkSignature,
  );
  app.post(
    '/v3/signature/device-link/document/:documentNumber',
    { schema: schema('Start a device-link signature of a digest by this account (document number).') },
    deviceLinkSignature,
  );
  app.post(
    '/v3/signature/notification/etsi/:identifier',
    {
      schema: schema(
        "Start a notification signature of a digest on the person's devices; answers the verification code to show.",
      ),
    },
    notificationSignature,
  );
  app.post(
    '/v3/signature/notification/document/:documentNumber',
    {
      schema: schema(
        "Start a notification signature of a digest on this account's device; answers the code to show.",
      ),
    },
    notificationSignature,
  );

  app.post<{ Params: Params }>(
    '/v3/signature/notification/linked/:documentNumber',
    {
      schema: schema(
        'Start the signature linked to a device-link certificate choice: no verification code, the same device signs.',
      ),
    },
    async (request) => {
      const session = await start(request, {
        kind: 'signature',
        flow: 'notification',
        addressee: addresseeOf(request.params) as TargetedAddressee,
        request: validateLinkedNotificationSignatureRequest(request.body),
        ignoredProperties: listIgnoredRequestProperties(request.body),
      });
      return { sessionID: session.id };
    },
  );

  app.post(
    '/v3/signature/certificate-choice/device-link/anonymous',
    {
      schema: schema(
        'Start a device-link certificate choice: whoever opens the link chooses an account and the RP gets its signing certificate.',
      ),
    },
    async (request) => {
      const session = await start(request, {
        kind: 'certificateChoice',
        flow: 'device-link',
        addressee: { kind: 'anonymous' },
        request: validateDeviceLinkCertificateChoiceRequest(request.body),
        ignoredProperties: listIgnoredRequestProperties(request.body),
      });
      return {
        sessionID: session.id,
        sessionToken: session.sessionToken,
        sessionSecret: session.sessionSecret,
        deviceLinkBase,
      };
    },
  );
  app.post<{ Params: Params }>(
    '/v3/signature/certificate-choice/notification/etsi/:identifier',
    {
      schema: schema(
        "Start a certificate choice on the person's devices: the chosen account's signing certificate comes back.",
      ),
    },
    async (request) => {
      const session = await start(request, {
        kind: 'certificateChoice',
        flow: 'notification',
        addressee: addresseeOf(request.params) as TargetedAddressee,
        request: validateNotificationCertificateChoiceRequest(request.body),
        ignoredProperties: listIgnoredRequestProperties(request.body),
      });
      return { sessionID: session.id };
    },
  );

  app.post<{ Params: { documentNumber: string } }>(
    '/v3/signature/certificate/:documentNumber',
    {
      schema: schema(
        "The account's signing certificate, at once (no session): for an RP that already knows the document number.",
      ),
    },
    async (request) => {
      const body = validateSigningCertificateRequest(request.body);
      authenticateRelyingParty(
        await deps.relyingParties.get(body.relyingPartyUUID),
        body.relyingPartyName,
        request.ip,
      );
      const level = body.certificateLevel ?? 'QUALIFIED';
      let answer: Awaited<ReturnType<typeof getSigningCertificate>>;
      try {
        answer = await getSigningCertificate(deps, {
          documentNumber: request.params.documentNumber,
          certificateLevel: level,
        });
      } catch (error) {
        if (error instanceof CoreError && error.code === 'ACCOUNT_NOT_FOUND')
          throw new RpApiRefusal('DOCUMENT_NOT_FOUND');
        throw error;
      }
      if (answer.state !== 'OK') return { state: 'DOCUMENT_UNUSABLE' };
      return {
        state: 'OK',
        cert: { value: Buffer.from(answer.certificate).toString('base64'), certificateLevel: answer.level },
      };
    },
  );

  app.get<{ Params: { sessionId: string }; Querystring: { timeoutMs?: string } }>(
    '/v3/session/:sessionId',
    {
      schema: schema(
        'Session status: a long poll that answers when the session completes or timeoutMs passes.',
      ),
    },
    async (request, reply) => {
      const timeoutMs = parseTimeoutMs(request.query.timeoutMs);
      const closed = longPollSignal(request, reply);
      const session = await getSessionStatus(deps, request.params.sessionId, timeoutMs, closed, 'v3');
      return toSessionStatusResponse(session);
    },
  );
};
