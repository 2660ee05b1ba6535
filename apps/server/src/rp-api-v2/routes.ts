/**
 * The legacy Smart-ID RP API v2 (spec §8, docs/protocol.md "RP API v2"): certificate choice, authentication and
 * signature by semantics identifier or document number, all by notification, and the long poll of session status.
 * The RP's own `hash` is signed with PKCS#1 v1.5 (authentication with the authentication key, PIN1), the RP
 * computes the verification code from it, `allowedInteractionsOrder` may ask for the three-code choice
 * (`verificationCodeChoice`), and results and errors use v2's names and statuses (471, 472, `{code, message}`).
 */
import {
  authenticateRelyingParty,
  createSession,
  getSessionStatus,
  type TargetedAddressee,
  type V2SessionRequest,
} from '@tessera/core';
import {
  listIgnoredRequestProperties,
  parseTimeoutMs,
  validateV2AuthenticationRequest,
  validateV2CertificateChoiceRequest,
  validateV2SignatureRequest,
} from '@tessera/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { longPollSignal } from '../graceful-close.js';
import type { RpApiRoutesOptions } from '../rp-api/routes.js';
import { RpApiRefusal, sendRpApiError } from '../rp-api/send-rp-api-error.js';
import { toV2SessionStatus } from './to-v2-session-status.js';

const schema = (summary: string) => ({ tags: ['rp-api-v2'], summary });

type Params = { identifier?: string; documentNumber?: string };

const addresseeOf = (params: Params): TargetedAddressee =>
  params.identifier !== undefined
    ? { kind: 'etsi', semanticsIdentifier: params.identifier }
    : { kind: 'document', documentNumber: params.documentNumber ?? '' };

/** Which v2 request each kind of session reads its body with. */
const READERS = {
  certificateChoice: validateV2CertificateChoiceRequest,
  authentication: validateV2AuthenticationRequest,
  signature: validateV2SignatureRequest,
} as const;

/** The RP API v2 endpoints. */
export const rpApiV2Routes: FastifyPluginAsync<RpApiRoutesOptions> = async (app, options) => {
  const { deps, sessionTimeoutMs } = options;
  app.setErrorHandler((error, request, reply) => sendRpApiError(error, request, reply, 'v2'));
  if (options.maintenance === true) {
    app.addHook('onRequest', async () => {
      throw new RpApiRefusal('UNDER_MAINTENANCE');
    });
  }

  const start = async (request: FastifyRequest<{ Params: Params }>, kind: keyof typeof READERS) => {
    const body = READERS[kind](request.body);
    const rp = authenticateRelyingParty(
      await deps.relyingParties.get(body.relyingPartyUUID),
      body.relyingPartyName,
      request.ip,
    );
    const session = await createSession({ ...deps, sessionTimeoutMs }, rp, {
      kind,
      request: body,
      rpApiVersion: 'v2',
      flow: 'notification',
      addressee: addresseeOf(request.params),
      ignoredProperties: listIgnoredRequestProperties(request.body),
    } as V2SessionRequest);
    return { sessionID: session.id };
  };

  const paths = [
    [
      'certificatechoice',
      'certificateChoice',
      "Start a certificate choice on the person's devices (no PIN).",
    ],
    [
      'authentication',
      'authentication',
      "Start an authentication: the RP's hash signed with PIN1 (PKCS#1 v1.5).",
    ],
    ['signature', 'signature', "Start a signature: the RP's hash signed with PIN2 (PKCS#1 v1.5)."],
  ] as const;
  for (const [path, kind, summary] of paths) {
    app.post<{ Params: Params }>(
      `/v2/${path}/etsi/:identifier`,
      { schema: schema(`${summary} By semantics identifier.`) },
      (request) => start(request, kind),
    );
    app.post<{ Params: Params }>(
      `/v2/${path}/document/:documentNumber`,
      { schema: schema(`${summary} By document number.`) },
      (request) => start(request, kind),
    );
  }

  app.get<{ Params: { sessionId: string }; Querystring: { timeoutMs?: string } }>(
    '/v2/session/:sessionId',
    {
      schema: schema(
        'Session status in v2 form: a long poll that answers when the session completes or timeoutMs passes.',
      ),
    },
    async (request, reply) => {
      const timeoutMs = parseTimeoutMs(request.query.timeoutMs);
      const closed = longPollSignal(request, reply);
      const session = await getSessionStatus(deps, request.params.sessionId, timeoutMs, closed, 'v2');
      return toV2SessionStatus(session);
    },
  );
};
