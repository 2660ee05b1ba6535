import { describe, expect, it } from 'vitest';
import vectors from '../vectors/auth-code.json' with { type: 'json' };
import { buildDeviceLink } from './build-device-link.js';
import { parseDeviceLink } from './parse-device-link.js';
import { vectorCase } from './test-support/auth-code-vector.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

const secret = vectors.inputs.sessionSecret;
const web2app = vectors.links[0]!.deviceLink;
const qr = vectors.links[1]!.deviceLink;

describe('parseDeviceLink (spec §4.2)', () => {
  it('parses the documented QR link into its fields', () => {
    expect(parseDeviceLink(qr)).toEqual({
      deviceLinkBase: 'https://smart-id.com/device-link',
      deviceLinkType: 'QR',
      elapsedSeconds: 22,
      sessionToken: 'wGIrqveE6AuGDATZKmR1mtAZ',
      sessionType: 'auth',
      version: '1.0',
      lang: 'eng',
      authCode: 'OY1eHaD4UYedrBwtqUbSkpa0w7ttm4FllPkCD_3wlE0',
    });
  });

  it.each(vectors.cases)('round-trips a built $deviceLinkType $sessionType link', (row) => {
    const { link, context } = vectorCase(row.deviceLinkType, row.sessionType, row.brokered);
    const built = buildDeviceLink(link, context, secret);
    const parsed = parseDeviceLink(built);
    expect(parsed).toEqual({ ...link, version: '1.0', authCode: row.authCode });
    const { version: _version, authCode: _authCode, ...again } = parsed;
    expect(buildDeviceLink(again, context, secret)).toBe(built);
  });

  it('keeps a Web2App link without elapsedSeconds', () => {
    const parsed = parseDeviceLink(web2app);
    expect(parsed.deviceLinkType).toBe('Web2App');
    expect(parsed.elapsedSeconds).toBeUndefined();
  });

  it.each([
    ['no query', 'https://smart-id.com/device-link'],
    [
      'parameters in another order',
      web2app.replace(
        'sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=auth',
        'sessionType=auth&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ',
      ),
    ],
    [
      'alphabetically sorted keys',
      'https://smart-id.com/device-link?authCode=aegUh6gCKkXBJhhvtJqSTWB5_2W8TDQt5eZ7db6krv0&deviceLinkType=Web2App&lang=eng&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=auth&version=1.0',
    ],
    ['a missing authCode', web2app.slice(0, web2app.indexOf('&authCode='))],
    ['an extra parameter', `${web2app}&extra=1`],
    ['a repeated parameter', web2app.replace('&lang=eng', '&lang=eng&lang=eng')],
    [
      'elapsedSeconds on a Web2App link',
      web2app.replace('deviceLinkType=Web2App', 'deviceLinkType=Web2App&elapsedSeconds=1'),
    ],
    ['a QR link without elapsedSeconds', qr.replace('&elapsedSeconds=22', '')],
    ['elapsedSeconds with a leading zero', qr.replace('elapsedSeconds=22', 'elapsedSeconds=022')],
    ['a negative elapsedSeconds', qr.replace('elapsedSeconds=22', 'elapsedSeconds=-2')],
    ['an unknown deviceLinkType', web2app.replace('Web2App', 'Web2Web')],
    ['a lower-case deviceLinkType', web2app.replace('Web2App', 'web2app')],
    ['an unknown sessionType', web2app.replace('sessionType=auth', 'sessionType=login')],
    ['version 0.1', web2app.replace('version=1.0', 'version=0.1')],
    ['a percent-encoded value', web2app.replace('lang=eng', 'lang=%65ng')],
    ['a short authCode', web2app.slice(0, -1)],
    ['a padded authCode', `${web2app.slice(0, -1)}=`],
    ['a fragment', `${web2app}#x`],
    ['a base with a space', web2app.replace('device-link', 'device link')],
    ['an http base on a public host', web2app.replace('https:', 'http:')],
    ['an empty parameter value', web2app.replace('lang=eng', 'lang=')],
    ['a short session token', web2app.replace('wGIrqveE6AuGDATZKmR1mtAZ', 'wGIrqveE')],
  ])('refuses a link with %s', (_name, link) => {
    expectProtocolError(() => parseDeviceLink(link), 'MALFORMED_DEVICE_LINK');
  });

  it('refuses values that are not strings and absurdly long links', () => {
    expectProtocolError(() => parseDeviceLink(42 as unknown as string), 'MALFORMED_DEVICE_LINK');
    expectProtocolError(() => parseDeviceLink(`${web2app}${'a'.repeat(5000)}`), 'MALFORMED_DEVICE_LINK');
  });
});
