import { describe, expect, it } from 'vitest';
import vectors from '../vectors/interactions.json' with { type: 'json' };
import { encodeBase64 } from './base64.js';
import { decodeInteractions } from './decode-interactions.js';
import { encodeInteractions } from './encode-interactions.js';
import type { Interaction } from './interactions.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

const b64 = (value: unknown) => encodeBase64(new TextEncoder().encode(JSON.stringify(value)));

describe('decodeInteractions and encodeInteractions (spec §4.5)', () => {
  it('has provenance', () => {
    expect(vectors.source).toMatch(/§4\.5/);
  });

  it.each(vectors.cases)('decodes and re-encodes a documented value byte for byte', (row) => {
    const decoded = decodeInteractions(row.interactions, 'notification');
    expect(decoded).toEqual(row.decoded);
    expect(encodeInteractions(decoded, 'notification')).toBe(row.interactions);
  });

  it('refuses the VC-choice interaction in device-link and linked flows', () => {
    const vcChoice = vectors.cases.find((row) => row.notificationOnly)!.interactions;
    for (const flow of ['deviceLink', 'linkedNotification'] as const) {
      const error = expectProtocolError(() => decodeInteractions(vcChoice, flow), 'INVALID_INTERACTIONS');
      expect(error.issues).toEqual([expect.objectContaining({ pointer: '/0/type', reason: 'NOT_ALLOWED' })]);
    }
  });

  it('keeps non-ASCII text, escaped or not', () => {
    const escaped = encodeBase64(
      new TextEncoder().encode('[{"type":"displayTextAndPIN","displayText60":"Pay 5 \\u20ac?"}]'),
    );
    expect(decodeInteractions(escaped, 'deviceLink')).toEqual([
      { type: 'displayTextAndPIN', displayText60: 'Pay 5 €?' },
    ]);
  });

  it('counts the limit in characters, not bytes', () => {
    const text = 'õ'.repeat(60);
    expect(
      decodeInteractions(b64([{ type: 'displayTextAndPIN', displayText60: text }]), 'deviceLink'),
    ).toHaveLength(1);
  });

  it('ignores unknown members of an item and treats null as absent', () => {
    const value = b64([
      { type: 'confirmationMessage', displayText200: 'Sign?', extra: 1, displayText60: null },
    ]);
    expect(decodeInteractions(value, 'deviceLink')).toEqual([
      { type: 'confirmationMessage', displayText200: 'Sign?' },
    ]);
  });

  it.each([
    ['an empty array', [], ''],
    ['a non-array', { type: 'displayTextAndPIN', displayText60: 'x' }, ''],
    ['an item that is not an object', ['displayTextAndPIN'], '/0'],
    ['a missing type', [{ displayText60: 'x' }], '/0/type'],
    ['an unknown type', [{ type: 'showText', displayText60: 'x' }], '/0/type'],
    [
      'the v2-only verificationCodeChoice',
      [{ type: 'verificationCodeChoice', displayText60: 'x' }],
      '/0/type',
    ],
    ['a missing text', [{ type: 'displayTextAndPIN' }], '/0/displayText60'],
    ['an empty text', [{ type: 'displayTextAndPIN', displayText60: '' }], '/0/displayText60'],
    ['a non-string text', [{ type: 'displayTextAndPIN', displayText60: 7 }], '/0/displayText60'],
    ['the other text field', [{ type: 'displayTextAndPIN', displayText200: 'x' }], '/0/displayText200'],
    [
      'both text fields',
      [{ type: 'confirmationMessage', displayText200: 'x', displayText60: 'y' }],
      '/0/displayText60',
    ],
    [
      'a 61-character displayText60',
      [{ type: 'displayTextAndPIN', displayText60: 'x'.repeat(61) }],
      '/0/displayText60',
    ],
    [
      'a 201-character displayText200',
      [{ type: 'confirmationMessage', displayText200: 'x'.repeat(201) }],
      '/0/displayText200',
    ],
    [
      'a duplicated type',
      [
        { type: 'displayTextAndPIN', displayText60: 'x' },
        { type: 'displayTextAndPIN', displayText60: 'y' },
      ],
      '/1/type',
    ],
  ])('refuses %s, pointing at the item', (_name, value, pointer) => {
    const error = expectProtocolError(
      () => decodeInteractions(b64(value), 'notification'),
      'INVALID_INTERACTIONS',
    );
    expect(error.issues.map((issue) => issue.pointer)).toContain(pointer);
  });

  it.each([
    ['URL-safe Base64', 'W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbj8ifV0_'],
    ['Base64 without padding', 'W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbj8ifV0'],
    ['Base64 of non-JSON', encodeBase64(new TextEncoder().encode('[{'))],
    ['Base64 of invalid UTF-8', encodeBase64(Uint8Array.of(0x5b, 0xff, 0x5d))],
    ['an empty string', ''],
  ])('refuses %s', (_name, value) => {
    expectProtocolError(() => decodeInteractions(value, 'notification'), 'INVALID_INTERACTIONS');
  });

  it('refuses to encode a list that breaks the rules of its flow', () => {
    const list: Interaction[] = [
      { type: 'confirmationMessageAndVerificationCodeChoice', displayText200: 'Log in?' },
    ];
    expectProtocolError(() => encodeInteractions(list, 'deviceLink'), 'INVALID_INTERACTIONS');
    expectProtocolError(() => encodeInteractions([], 'notification'), 'INVALID_INTERACTIONS');
  });
});
