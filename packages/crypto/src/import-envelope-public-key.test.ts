import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.js';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { exportEnvelopePublicKey } from './export-envelope-public-key.js';
import { generateEnvelopeKeyPair } from './generate-envelope-key-pair.js';
import { importEnvelopeKeyPair } from './import-envelope-key-pair.js';
import { importEnvelopePublicKey } from './import-envelope-public-key.js';
import { openEnvelope } from './open-envelope.js';
import { systemRandom } from './random.js';
import { sealEnvelope } from './seal-envelope.js';
import { rejectionCodeOf } from './test-support/envelope-vector.js';
import { toHex } from './test-support/fixtures.js';

const server = await generateEnvelopeKeyPair();
const associatedData = encodeLengthPrefixed(['tessera/enrolment-share', 'enrolment-1', 'key-1']);
const plaintext = new TextEncoder().encode('n, e, d_srv');

async function roundTripsThrough(publicKey: CryptoKey, recipient: CryptoKeyPair): Promise<boolean> {
  const envelope = await sealEnvelope({
    recipientPublicKey: publicKey,
    plaintext,
    associatedData,
    random: systemRandom,
  });
  return toHex(await openEnvelope({ recipient, envelope, associatedData })) === toHex(plaintext);
}

describe('envelope keys', () => {
  it('keeps a generated private key non-extractable by default', async () => {
    expect(server.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', server.privateKey)).rejects.toThrow();
  });

  it('exports the public key raw and as a JWK without a private part', async () => {
    const raw = await exportEnvelopePublicKey(server.publicKey, 'raw');
    const jwk = await exportEnvelopePublicKey(server.publicKey, 'jwk');
    expect(raw.length).toBe(65);
    expect(raw[0]).toBe(0x04);
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(jwk.x).toBe(encodeBase64url(raw.subarray(1, 33)));
    expect(jwk.y).toBe(encodeBase64url(raw.subarray(33)));
  });

  it('imports the public key from raw bytes or JWK, and the device seals to it for the server', async () => {
    const fromRaw = await importEnvelopePublicKey(await exportEnvelopePublicKey(server.publicKey, 'raw'));
    const fromJwk = await importEnvelopePublicKey(await exportEnvelopePublicKey(server.publicKey, 'jwk'));
    expect(await roundTripsThrough(fromRaw, server)).toBe(true);
    expect(await roundTripsThrough(fromJwk, server)).toBe(true);
  });

  it('restores an exported private key as a key pair that opens envelopes sealed to the original', async () => {
    const original = await generateEnvelopeKeyPair({ extractable: true });
    const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', original.privateKey);
    const restored = await importEnvelopeKeyPair(privateJwk);
    expect(restored.privateKey.extractable).toBe(false);
    expect(await roundTripsThrough(original.publicKey, restored)).toBe(true);
  });

  it('refuses to export a private key as an envelope public key', async () => {
    const extractable = await generateEnvelopeKeyPair({ extractable: true });
    expect(await rejectionCodeOf(exportEnvelopePublicKey(extractable.privateKey, 'jwk'))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('refuses public keys that are not uncompressed P-256 points', async () => {
    const raw = await exportEnvelopePublicKey(server.publicKey, 'raw');
    const compressed = new Uint8Array(33);
    compressed.set(raw.subarray(0, 33));
    compressed[0] = 0x02 | (raw[64]! & 1);
    const offCurve = raw.slice();
    offCurve[64]! ^= 0x01;
    const wrongPrefix = raw.slice();
    wrongPrefix[0] = 0x05;
    for (const bad of [raw.subarray(0, 64), compressed, offCurve, wrongPrefix, new Uint8Array(65)]) {
      expect(await rejectionCodeOf(importEnvelopePublicKey(bad))).toBe('INVALID_ARGUMENT');
    }
  });

  it('refuses a JWK that is private, on another curve or not EC where a public key is expected', async () => {
    const jwk = await exportEnvelopePublicKey(server.publicKey, 'jwk');
    const exportable = await generateEnvelopeKeyPair({ extractable: true });
    const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', exportable.privateKey);
    for (const bad of [privateJwk, { ...jwk, crv: 'P-384' }, { ...jwk, kty: 'RSA' }, { ...jwk, y: jwk.x }]) {
      expect(await rejectionCodeOf(importEnvelopePublicKey(bad))).toBe('INVALID_ARGUMENT');
    }
  });

  it('refuses a public JWK where the private key pair is expected', async () => {
    const jwk = await exportEnvelopePublicKey(server.publicKey, 'jwk');
    expect(await rejectionCodeOf(importEnvelopeKeyPair(jwk))).toBe('INVALID_ARGUMENT');
  });
});
