const PRINTABLE = /^[\x21-\x7e]+$/;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why `base` cannot be a `deviceLinkBase`, or `undefined` if it can: an absolute https URL (http only on a
 * loopback host, for local development) of printable ASCII with no query and no fragment, so that a link
 * splits unambiguously at its first `?`. Internal to the device-link builder and parser.
 */
export function checkDeviceLinkBase(base: string): string | undefined {
  if (!PRINTABLE.test(base)) return 'The device link base must be printable ASCII without spaces.';
  if (base.includes('?') || base.includes('#')) return 'The device link base must have no query or fragment.';
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return 'The device link base is not an absolute URL.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  return 'The device link base must be an https URL.';
}
