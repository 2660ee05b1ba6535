import { describe, expect, it } from 'vitest';
import vectors from '../vectors/auth-code.json' with { type: 'json' };
import { buildDeviceLink } from './build-device-link.js';
import { buildUnprotectedDeviceLink } from './build-unprotected-device-link.js';
import { qrLinkOf, vectorCase } from './test-support/auth-code-vector.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

const secret = vectors.inputs.sessionSecret;

describe('buildDeviceLink (spec §4.2)', () => {
  it.each(vectors.links)('builds the documented $deviceLinkType $sessionType link byte for byte', (row) => {
    const { link, context } = vectorCase(row.deviceLinkType, row.sessionType, row.brokered);
    expect(buildDeviceLink(link, context, secret)).toBe(row.deviceLink);
  });

  it('puts elapsedSeconds right after deviceLinkType on QR links and nowhere else', () => {
    const qr = vectorCase('QR', 'sign', false);
    expect(buildUnprotectedDeviceLink({ ...qrLinkOf(qr.link), elapsedSeconds: 0 })).toBe(
      'https://smart-id.com/device-link?deviceLinkType=QR&elapsedSeconds=0&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=sign&version=1.0&lang=eng',
    );
    const app = vectorCase('App2App', 'sign', false);
    expect(buildUnprotectedDeviceLink(app.link)).not.toContain('elapsedSeconds');
  });

  it('uses a trailing-slash base verbatim', () => {
    const { link, context } = vectorCase('QR', 'cert', true);
    const built = buildDeviceLink(
      { ...link, deviceLinkBase: 'https://sid.demo.sk.ee/device-link/' },
      context,
      secret,
    );
    expect(built.startsWith('https://sid.demo.sk.ee/device-link/?deviceLinkType=QR&')).toBe(true);
  });

  it('gives each second of a QR code its own authCode', () => {
    const { link, context } = vectorCase('QR', 'auth', true);
    const codes = new Set(
      [21, 22, 23].map((s) => buildDeviceLink({ ...qrLinkOf(link), elapsedSeconds: s }, context, secret)),
    );
    expect(codes.size).toBe(3);
  });

  it.each([
    ['a base with a query', { deviceLinkBase: 'https://smart-id.com/device-link?x=1' }],
    ['a base with a fragment', { deviceLinkBase: 'https://smart-id.com/device-link#x' }],
    ['a plain-http base on a public host', { deviceLinkBase: 'http://smart-id.com/device-link' }],
    ['a relative base', { deviceLinkBase: '/device-link' }],
    ['a short session token', { sessionToken: 'abc123' }],
    ['a session token with symbols', { sessionToken: 'wGIrqveE6AuGDATZKmR1mt-Z' }],
    ['a two-letter language', { lang: 'en' }],
    ['a negative elapsedSeconds', { elapsedSeconds: -1 }],
    ['a fractional elapsedSeconds', { elapsedSeconds: 1.5 }],
  ])('refuses %s', (_name, change) => {
    const { link, context } = vectorCase('QR', 'auth', true);
    expectProtocolError(
      () => buildDeviceLink({ ...link, ...change } as typeof link, context, secret),
      'INVALID_ARGUMENT',
    );
  });

  it('allows plain http only on a loopback host, for local development', () => {
    const { link, context } = vectorCase('QR', 'auth', true);
    const built = buildDeviceLink(
      { ...link, deviceLinkBase: 'http://127.0.0.1:8080/device-link' },
      context,
      secret,
    );
    expect(built.startsWith('http://127.0.0.1:8080/device-link?')).toBe(true);
  });

  it('refuses elapsedSeconds on a same-device link', () => {
    const { link, context } = vectorCase('Web2App', 'auth', true);
    expectProtocolError(
      () => buildDeviceLink({ ...link, elapsedSeconds: 3 } as unknown as typeof link, context, secret),
      'INVALID_ARGUMENT',
    );
  });
});
