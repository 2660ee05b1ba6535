import { describe, expect, it } from 'vitest';
import { buildRpApiErrorResponse } from './build-rp-api-error-response.js';
import { RP_API_ERRORS, type RpApiErrorCode } from './rp-api-errors.js';

describe('buildRpApiErrorResponse (spec §1)', () => {
  it('gives the documented 400 problem body with the offending field', () => {
    expect(
      buildRpApiErrorResponse('INVALID_REQUEST', {
        apiVersion: 'v3',
        issues: [
          {
            pointer: '/initialCallbackUrl',
            paramName: 'initialCallbackUrl',
            reason: 'INVALID',
            detail: 'Invalid initialCallbackUrl: The callback URL value is invalid',
          },
        ],
      }),
    ).toEqual({
      status: 400,
      body: {
        type: 'about:blank',
        status: 400,
        title: 'Bad Request',
        detail: 'Invalid request parameters found',
        errors: [
          {
            detail: 'Invalid initialCallbackUrl: The callback URL value is invalid',
            paramName: 'initialCallbackUrl',
            pointer: '/initialCallbackUrl',
          },
        ],
      },
    });
  });

  it('gives 404 with NO_SUITABLE_ACCOUNT_FOUND in v3, and 471 in v2 and the legacy mode', () => {
    const v3 = buildRpApiErrorResponse('NO_SUITABLE_ACCOUNT', {
      apiVersion: 'v3',
      instance: '/task-id/tdgx2dj9cfumh8',
    });
    expect(v3.status).toBe(404);
    expect(v3.body).toMatchObject({
      instance: '/task-id/tdgx2dj9cfumh8',
      errors: [{ code: 'NO_SUITABLE_ACCOUNT_FOUND', detail: RP_API_ERRORS.NO_SUITABLE_ACCOUNT.detail }],
    });
    expect(buildRpApiErrorResponse('NO_SUITABLE_ACCOUNT', { apiVersion: 'v2' }).status).toBe(471);
    expect(
      buildRpApiErrorResponse('PERSON_SHOULD_VIEW_APP_OR_PORTAL', { apiVersion: 'v3', legacyStatuses: true }),
    ).toEqual({
      status: 472,
      body: { code: 472, message: RP_API_ERRORS.PERSON_SHOULD_VIEW_APP_OR_PORTAL.detail },
    });
  });

  it.each([
    ['INVALID_REQUEST', 400],
    ['RELYING_PARTY_UNAUTHORIZED', 401],
    ['RELYING_PARTY_FORBIDDEN', 403],
    ['ACCOUNT_NOT_FOUND', 404],
    ['DOCUMENT_NOT_FOUND', 404],
    ['SESSION_NOT_FOUND', 404],
    ['CLIENT_TOO_OLD', 480],
    ['UNDER_MAINTENANCE', 580],
    ['INTERNAL_ERROR', 500],
  ] as [RpApiErrorCode, number][])('answers %s with HTTP %i in both versions', (code, status) => {
    expect(buildRpApiErrorResponse(code, { apiVersion: 'v3' }).status).toBe(status);
    expect(buildRpApiErrorResponse(code, { apiVersion: 'v2' })).toEqual({
      status,
      body: { code: status, message: RP_API_ERRORS[code].detail },
    });
  });

  it('keeps a 5xx body generic and leaves out an empty errors list', () => {
    const { body } = buildRpApiErrorResponse('INTERNAL_ERROR', { apiVersion: 'v3' });
    expect(body).toEqual({
      type: 'about:blank',
      status: 500,
      title: 'Internal Server Error',
      detail: 'Internal server error',
    });
  });

  it('omits the pointer of a query-parameter issue', () => {
    const { body } = buildRpApiErrorResponse('INVALID_REQUEST', {
      apiVersion: 'v3',
      issues: [
        { paramName: 'timeoutMs', reason: 'INVALID', detail: 'timeoutMs must be an integer 1000–120000.' },
      ],
    });
    expect(body).toMatchObject({
      errors: [{ paramName: 'timeoutMs', detail: 'timeoutMs must be an integer 1000–120000.' }],
    });
    expect((body as { errors: object[] }).errors[0]).not.toHaveProperty('pointer');
  });
});
