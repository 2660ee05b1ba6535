/**
 * The Smart-ID Relying Party API v3 as Tessera speaks it on the wire (docs/protocol.md, spec §2–§3): session
 * creation for device-link authentication and the long-poll of session status. Errors are the spec's
 * (400/401/403/404, RFC 9457 bodies with fixed wording).
 */
import {
  authenticateRelyingParty,
  createDeviceLinkAuthenticationSession,
  getSessionStatus,
  type RpSession,
} from '@tessera/core';
import { parseTimeoutMs, validateDeviceLinkAuthenticationRequest } from '@tessera/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { RpApiDeps } from './rp-api-deps.js';
import { sendRpApiError } from './send-rp-api-error.js';

/** Options of the RP API plugin. */
export interface RpApiRoutesOptions {
  readonly deps: RpApiDeps;
  readonly sessionTimeoutMs: number;
  readonly deviceLinkBase: string;
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
  };
}

/** The RP API v3 endpoints. */
export const rpApiRoutes: FastifyPluginAsync<RpApiRoutesOptions> = async (app, options) => {
  const { deps, sessionTimeoutMs, deviceLinkBase } = options;
  app.setErrorHandler((error, request, reply) => sendRpApiError(error, request, reply));

  app.post(
    '/v3/authentication/device-link/anonymous',
    {
      schema: schema(
        'Start a device-link (QR, Web2App, App2App) authentication of whoever scans or opens the link.',
      ),
    },
    async (request) => {
      const body = validateDeviceLinkAuthenticationRequest(request.body);
      const rp = authenticateRelyingParty(
        await deps.relyingParties.get(body.relyingPartyUUID),
        body.relyingPartyName,
        request.ip,
      );
      const session = await createDeviceLinkAuthenticationSession({ ...deps, sessionTimeoutMs }, rp, body);
      return {
        sessionID: session.id,
        sessionToken: session.sessionToken,
        sessionSecret: session.sessionSecret,
        deviceLinkBase,
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
    async (request) => {
      const timeoutMs = parseTimeoutMs(request.query.timeoutMs);
      const closed = new AbortController();
      request.raw.once('close', () => closed.abort());
      const session = await getSessionStatus(deps, request.params.sessionId, timeoutMs, closed.signal);
      return toSessionStatusResponse(session);
    },
  );
};
