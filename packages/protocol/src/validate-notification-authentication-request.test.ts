import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { notificationAuthenticationBody, PIN_INTERACTIONS } from './test-support/request-fixtures.js';
import { validateNotificationAuthenticationRequest } from './validate-notification-authentication-request.js';

function issuesOf(body: unknown) {
  return expectProtocolError(() => validateNotificationAuthenticationRequest(body), 'INVALID_REQUEST').issues;
}

describe('validateNotificationAuthenticationRequest (endpoints 4–5)', () => {
  it("accepts the official PHP client's body with VC-choice interactions", () => {
    expect(validateNotificationAuthenticationRequest(notificationAuthenticationBody())).toEqual(
      notificationAuthenticationBody(),
    );
  });

  it('accepts ADVANCED and the other interaction types', () => {
    const request = validateNotificationAuthenticationRequest({
      ...notificationAuthenticationBody(),
      certificateLevel: 'ADVANCED',
      interactions: PIN_INTERACTIONS,
    });
    expect(request.certificateLevel).toBe('ADVANCED');
  });

  it('requires vcType numeric4', () => {
    const { vcType: _vc, ...body } = notificationAuthenticationBody();
    expect(issuesOf(body)).toEqual([expect.objectContaining({ pointer: '/vcType', reason: 'MISSING' })]);
    expect(issuesOf({ ...body, vcType: 'alphaNumeric4' })).toEqual([
      expect.objectContaining({ pointer: '/vcType', reason: 'INVALID' }),
    ]);
  });

  it('refuses a callback URL and a nonce', () => {
    const issues = issuesOf({
      ...notificationAuthenticationBody(),
      initialCallbackUrl: 'https://rp.example.com/',
      nonce: 'n',
    });
    expect(issues.map((i) => [i.pointer, i.reason])).toEqual([
      ['/nonce', 'NOT_ALLOWED'],
      ['/initialCallbackUrl', 'NOT_ALLOWED'],
    ]);
  });
});
