import { describe, expect, it } from 'vitest';
import { expectProtocolError } from './test-support/expect-protocol-error.js';
import { deviceLinkSignatureBody, VC_CHOICE_INTERACTIONS } from './test-support/request-fixtures.js';
import { validateLinkedNotificationSignatureRequest } from './validate-linked-notification-signature-request.js';

const LINKED = 'de305d54-75b4-431b-adb2-eb6b9e546014';

function linkedBody(): Record<string, unknown> {
  const { initialCallbackUrl: _cb, ...body } = deviceLinkSignatureBody();
  return { ...body, linkedSessionID: LINKED };
}

describe('validateLinkedNotificationSignatureRequest (endpoint 10)', () => {
  it('accepts a linked signature request', () => {
    expect(validateLinkedNotificationSignatureRequest(linkedBody()).linkedSessionID).toBe(LINKED);
  });

  it('requires a UUID linkedSessionID', () => {
    const { linkedSessionID: _l, ...body } = linkedBody();
    const missing = expectProtocolError(
      () => validateLinkedNotificationSignatureRequest(body),
      'INVALID_REQUEST',
    );
    expect(missing.issues).toEqual([
      expect.objectContaining({ pointer: '/linkedSessionID', reason: 'MISSING' }),
    ]);
    const invalid = expectProtocolError(
      () => validateLinkedNotificationSignatureRequest({ ...body, linkedSessionID: 'abc' }),
      'INVALID_REQUEST',
    );
    expect(invalid.issues).toEqual([
      expect.objectContaining({ pointer: '/linkedSessionID', reason: 'INVALID' }),
    ]);
  });

  it('refuses VC-choice interactions: the linked flow never shows a VC', () => {
    const error = expectProtocolError(
      () =>
        validateLinkedNotificationSignatureRequest({ ...linkedBody(), interactions: VC_CHOICE_INTERACTIONS }),
      'INVALID_REQUEST',
    );
    expect(error.issues).toEqual([
      expect.objectContaining({ pointer: '/interactions', reason: 'NOT_ALLOWED' }),
    ]);
  });
});
