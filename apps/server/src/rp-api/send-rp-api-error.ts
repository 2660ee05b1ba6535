import { CoreError } from '@tessera/core';
import { buildRpApiErrorResponse, ProtocolError, type RpApiErrorCode } from '@tessera/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';

const CORE_TO_RP_API: Partial<Record<CoreError['code'], RpApiErrorCode>> = {
  RELYING_PARTY_UNAUTHORIZED: 'RELYING_PARTY_UNAUTHORIZED',
  RELYING_PARTY_FORBIDDEN: 'RELYING_PARTY_FORBIDDEN',
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  LINKED_SESSION_INVALID: 'INVALID_REQUEST',
  NO_SUITABLE_ACCOUNT: 'NO_SUITABLE_ACCOUNT',
  PERSON_SHOULD_VIEW_APP: 'PERSON_SHOULD_VIEW_APP_OR_PORTAL',
};

/** A refusal that names its RP API error code directly (e.g. DOCUMENT_NOT_FOUND on the document endpoints). */
export class RpApiRefusal extends Error {
  override readonly name = 'RpApiRefusal';

  constructor(readonly rpApiCode: RpApiErrorCode) {
    super(rpApiCode);
  }
}

/** The RP API error code for an error: what clients act on (spec §1); anything unknown is an internal error. */
function rpApiErrorCode(error: unknown): RpApiErrorCode {
  if (error instanceof RpApiRefusal) return error.rpApiCode;
  if (error instanceof ProtocolError && error.code === 'INVALID_REQUEST') return 'INVALID_REQUEST';
  if (error instanceof CoreError) return CORE_TO_RP_API[error.code] ?? 'INTERNAL_ERROR';
  // Fastify's own refusals before the handler: malformed JSON, wrong media type, oversized body.
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return 'INVALID_REQUEST';
  return 'INTERNAL_ERROR';
}

/**
 * Answers an RP API request that failed: v3 with RFC 9457 problem details (fixed wording), v2 with its statuses
 * (471, 472) and `{code, message}` bodies.
 */
export function sendRpApiError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  apiVersion: 'v2' | 'v3' = 'v3',
): FastifyReply {
  const code = rpApiErrorCode(error);
  if (code === 'INTERNAL_ERROR') request.log.error({ err: error }, 'RP API request failed');
  const issues = error instanceof ProtocolError ? error.issues : undefined;
  const { status, body } = buildRpApiErrorResponse(code, {
    apiVersion,
    ...(issues === undefined ? {} : { issues }),
  });
  return reply
    .status(status)
    .header('content-type', apiVersion === 'v3' ? 'application/problem+json' : 'application/json')
    .send(Buffer.from(JSON.stringify(body)));
}
