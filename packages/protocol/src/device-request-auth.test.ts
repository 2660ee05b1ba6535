import { describe, expect, it } from 'vitest';
import { buildDeviceRequestSigningInput } from './build-device-request-signing-input.js';
import { decodePartialSignaturePlaintext } from './decode-partial-signature-plaintext.js';
import { DEVICE_KEY_ALGORITHM } from './device-request-headers.js';
import { encodePartialSignaturePlaintext } from './encode-partial-signature-plaintext.js';
import { signDeviceRequest } from './sign-device-request.js';
import { verifyDeviceRequest } from './verify-device-request.js';

const utf8 = new TextEncoder();
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

async function deviceKey() {
  const pair = (await globalThis.crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  return { pair, jwk };
}

describe('device request authentication', () => {
  it('builds a length-prefixed signing input that starts with the version label', () => {
    const bytes = buildDeviceRequestSigningInput({
      method: 'GET',
      pathAndQuery: '/app/v1/accounts',
      timestamp: '1700000000000',
      nonce: 'AAAA',
      bodySha256: new Uint8Array(32),
      deviceId: 'dev-1',
    });
    const label = 'tessera-device-request/v1';
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0, label.length]);
    expect(new TextDecoder().decode(bytes.subarray(4, 4 + label.length))).toBe(label);
    expect(bytes.length).toBe(7 * 4 + label.length + 3 + 16 + 13 + 4 + 32 + 5);
  });

  it('refuses a lower-case method when building the signing input', () => {
    expect(() =>
      buildDeviceRequestSigningInput({
        method: 'get',
        pathAndQuery: '/x',
        timestamp: '1',
        nonce: 'AA',
        bodySha256: new Uint8Array(32),
        deviceId: 'd',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('accepts a signed request and then refuses a changed body, a stale timestamp and a replayed nonce', async () => {
    const { pair, jwk } = await deviceKey();
    const body = utf8.encode('{"a":1}');
    const now = 1_700_000_000_000;
    const headers = await signDeviceRequest({
      privateKey: pair.privateKey,
      deviceId: 'dev-1',
      method: 'POST',
      pathAndQuery: '/app/v1/device-links',
      body,
      now,
      random,
    });
    const seen = new Set<string>();
    const base = {
      headers,
      method: 'POST',
      pathAndQuery: '/app/v1/device-links',
      body,
      devicePublicKeyJwk: jwk,
      now: now + 1000,
      maxSkewMs: 30_000,
      isNonceFresh: (n: string) => !seen.has(n) && !!seen.add(n),
    };
    await expect(verifyDeviceRequest({ ...base, body: utf8.encode('{"a":2}') })).rejects.toMatchObject({
      code: 'DEVICE_REQUEST_SIGNATURE_INVALID',
    });
    await expect(verifyDeviceRequest({ ...base, pathAndQuery: '/app/v1/accounts' })).rejects.toMatchObject({
      code: 'DEVICE_REQUEST_SIGNATURE_INVALID',
    });
    await expect(verifyDeviceRequest({ ...base, now: now + 31_000 })).rejects.toMatchObject({
      code: 'DEVICE_REQUEST_NOT_FRESH',
    });
    await expect(verifyDeviceRequest(base)).resolves.toEqual({ deviceId: 'dev-1' });
    await expect(verifyDeviceRequest(base)).rejects.toMatchObject({ code: 'DEVICE_REQUEST_REPLAYED' });
  });

  it('refuses a request without the signature header', async () => {
    const { jwk } = await deviceKey();
    await expect(
      verifyDeviceRequest({
        headers: { 'tessera-device-id': 'd', 'tessera-timestamp': '1', 'tessera-nonce': 'AA' },
        method: 'GET',
        pathAndQuery: '/',
        body: new Uint8Array(),
        devicePublicKeyJwk: jwk,
        now: 1,
        maxSkewMs: 1,
        isNonceFresh: () => true,
      }),
    ).rejects.toMatchObject({ code: 'MALFORMED_DEVICE_REQUEST' });
  });
});

describe('partial-signature plaintext', () => {
  it('round-trips y and the clone token', () => {
    const y = random(256);
    const token = random(32);
    const decoded = decodePartialSignaturePlaintext(encodePartialSignaturePlaintext(y, token));
    expect(decoded.partialSignature).toEqual(y);
    expect(decoded.cloneToken).toEqual(token);
  });

  it('refuses a clone token of the wrong length', () => {
    expect(() =>
      decodePartialSignaturePlaintext(encodePartialSignaturePlaintext(random(8), random(31))),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
