import { ECDH } from 'node:crypto';
import type { PushSubscriptionRequest } from '@tessera/protocol';
import { HttpError } from '../http-error.js';

/** Loopback hosts a plain-http push service may be on (a local fake push service in tests). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function refuse(detail: string): HttpError {
  return new HttpError(400, 'INVALID_PUSH_SUBSCRIPTION', detail);
}

function decodeKey(name: string, text: string, octets: number): Buffer {
  const bytes = BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
  if (bytes === undefined || bytes.length !== octets || bytes.toString('base64url') !== text) {
    throw refuse(`keys.${name} is not unpadded base64url of ${octets} octets.`);
  }
  return bytes;
}

/**
 * Checks a Web Push subscription a device registers and returns its endpoint and keys: the endpoint an https
 * URL without credentials (plain http only to a loopback host, and only when `allowLoopbackHttp`), `p256dh` an
 * uncompressed point on P-256 (65 octets), `auth` 16 octets, both unpadded base64url. Anything else is a 400
 * problem (`INVALID_PUSH_SUBSCRIPTION`) saying what is wrong, never echoing the value.
 */
export function readPushSubscription(
  body: PushSubscriptionRequest,
  options: { readonly allowLoopbackHttp: boolean },
): PushSubscriptionRequest {
  let url: URL;
  try {
    url = new URL(body.endpoint);
  } catch {
    throw refuse('endpoint is not a URL.');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopbackHttp && options.allowLoopbackHttp)) {
    throw refuse('endpoint must be an https URL.');
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw refuse('endpoint must not carry credentials or a fragment.');
  }
  const p256dh = decodeKey('p256dh', body.keys.p256dh, 65);
  try {
    // Throws unless the octets are an uncompressed point on the curve.
    if (p256dh[0] !== 0x04) throw new Error('compressed');
    ECDH.convertKey(p256dh, 'prime256v1', undefined, undefined, 'uncompressed');
  } catch {
    throw refuse('keys.p256dh is not an uncompressed P-256 public key.');
  }
  decodeKey('auth', body.keys.auth, 16);
  return { endpoint: url.href, keys: { p256dh: body.keys.p256dh, auth: body.keys.auth } };
}
