/**
 * The envelope and clone-token formats written out a second time with Node's OpenSSL-backed `node:crypto`,
 * independently of the package's WebCrypto and @noble/hashes code: this recomputes the checked-in vectors
 * (which is where they came from) and exchanges fresh envelopes both ways. Node-only, like every test.
 */
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  createHmac,
  type ECDH,
  hkdfSync,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { importEnvelopeKeyPair } from './import-envelope-key-pair.js';
import { importEnvelopePublicKey } from './import-envelope-public-key.js';
import { openEnvelope } from './open-envelope.js';
import { systemRandom } from './random.js';
import { sealEnvelope } from './seal-envelope.js';
import { loadCloneTokenVector, loadEnvelopeVector } from './test-support/envelope-vector.js';
import { fromHex, toHex } from './test-support/fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

function envelopeKey(ephemeralRaw: Buffer, recipientRaw: Buffer, shared: Buffer): Buffer {
  const info = Buffer.concat([Buffer.from('tessera/envelope/v1\0'), ephemeralRaw, recipientRaw]);
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), info, 32));
}

/** Envelope version 1, sealed by OpenSSL. */
function opensslSeal(
  ephemeral: ECDH,
  recipientRaw: Buffer,
  nonce: Buffer,
  plaintext: Buffer,
  aad: Uint8Array,
) {
  const ephemeralRaw = ephemeral.getPublicKey();
  const key = envelopeKey(ephemeralRaw, recipientRaw, ephemeral.computeSecret(recipientRaw));
  const header = Buffer.concat([Buffer.of(1), ephemeralRaw]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([header, aad]));
  return Buffer.concat([header, nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Envelope version 1, opened by OpenSSL. */
function opensslOpen(recipient: ECDH, envelope: Uint8Array, aad: Uint8Array): Buffer {
  const bytes = Buffer.from(envelope);
  const ephemeralRaw = bytes.subarray(1, 66);
  const key = envelopeKey(ephemeralRaw, recipient.getPublicKey(), recipient.computeSecret(ephemeralRaw));
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(66, 78));
  decipher.setAAD(Buffer.concat([bytes.subarray(0, 66), aad]));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(78, bytes.length - 16)), decipher.final()]);
}

function ecdhFromJwk(jwk: JsonWebKey): ECDH {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(decodeBase64url(jwk.d!)));
  return ecdh;
}

function privateJwkOf(ecdh: ECDH): JsonWebKey {
  const pub = ecdh.getPublicKey();
  return {
    kty: 'EC',
    crv: 'P-256',
    x: encodeBase64url(pub.subarray(1, 33)),
    y: encodeBase64url(pub.subarray(33)),
    d: encodeBase64url(ecdh.getPrivateKey()),
  };
}

describe('formats against OpenSSL', () => {
  it('recomputes the envelope vector with OpenSSL', () => {
    const v = loadEnvelopeVector();
    expect(v.source).toMatch(/node:crypto/);
    const recipient = ecdhFromJwk(v.recipientPrivateJwk);
    const envelope = opensslSeal(
      ecdhFromJwk(v.ephemeralPrivateJwk),
      recipient.getPublicKey(),
      Buffer.from(fromHex(v.nonceHex)),
      Buffer.from(fromHex(v.plaintextHex)),
      fromHex(v.associatedDataHex),
    );
    expect(encodeBase64url(envelope)).toBe(v.envelopeBase64url);
    expect(toHex(encodeLengthPrefixed(v.associatedDataFields))).toBe(v.associatedDataHex);
  });

  it('lets OpenSSL open an envelope sealed here, and opens one OpenSSL sealed', async () => {
    const recipient = createECDH('prime256v1');
    recipient.generateKeys();
    const pair = await importEnvelopeKeyPair(privateJwkOf(recipient));
    const aad = encodeLengthPrefixed(['tessera/enrolment-share', 'enrolment-9', 'key-sign-2']);
    const plaintext = Buffer.from(systemRandom(300));

    const sealedHere = await sealEnvelope({
      recipientPublicKey: await importEnvelopePublicKey(Uint8Array.from(recipient.getPublicKey())),
      plaintext,
      associatedData: aad,
      random: systemRandom,
    });
    expect(toHex(opensslOpen(recipient, sealedHere, aad))).toBe(toHex(plaintext));

    const ephemeral = createECDH('prime256v1');
    ephemeral.generateKeys();
    const sealedThere = opensslSeal(
      ephemeral,
      recipient.getPublicKey(),
      Buffer.from(systemRandom(12)),
      plaintext,
      aad,
    );
    expect(toHex(await openEnvelope({ recipient: pair, envelope: sealedThere, associatedData: aad }))).toBe(
      toHex(plaintext),
    );
  });

  it('recomputes the clone-token vector with OpenSSL', () => {
    const v = loadCloneTokenVector();
    expect(v.source).toMatch(/node:crypto/);
    const token = fromHex(v.tokenHex);
    const next = fromHex(v.nextTokenHex);
    const requestBytes = encodeLengthPrefixed(v.requestFields);
    expect(toHex(requestBytes)).toBe(v.requestBytesHex);
    const digest = sha256(requestBytes);
    expect(toHex(digest)).toBe(v.requestDigestHex);
    expect(toHex(sha256(token))).toBe(v.tokenHashHex);
    expect(toHex(sha256(next))).toBe(v.nextTokenHashHex);
    const okm = Buffer.from(
      hkdfSync('sha256', token, digest, Buffer.from('tessera/clone-token/next/v1'), 64),
    );
    const body = Buffer.concat([Buffer.of(1), Buffer.from(next.map((b, i) => b ^ okm[i]!))]);
    const tag = createHmac('sha256', okm.subarray(32)).update(body).digest();
    expect(toHex(Buffer.concat([body, tag]))).toBe(v.responseHex);
  });
});
