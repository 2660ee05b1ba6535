import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.js';
import { CryptoError } from './crypto-error.js';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { exportEnvelopePublicKey } from './export-envelope-public-key.js';
import { generateEnvelopeKeyPair } from './generate-envelope-key-pair.js';
import { importEnvelopeKeyPair } from './import-envelope-key-pair.js';
import { openEnvelope } from './open-envelope.js';
import { systemRandom } from './random.js';
import { sealEnvelope } from './seal-envelope.js';
import { fixedRandom, loadEnvelopeVector, rejectionCodeOf } from './test-support/envelope-vector.js';
import { fromHex, toHex } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const recipient = await generateEnvelopeKeyPair();
const context = encodeLengthPrefixed(['tessera/partial-signature', 'tx-42', 'key-7']);
const secret = new TextEncoder().encode('y = EM^d_dev mod n, a PIN oracle');

describe('sealEnvelope', () => {
  it('seals a plaintext that the recipient opens again with the same associated data', async () => {
    const envelope = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: secret,
      associatedData: context,
      random: systemRandom,
    });
    const opened = await openEnvelope({ recipient, envelope, associatedData: context });
    expect(toHex(opened)).toBe(toHex(secret));
  });

  it('opens the base64url text of an envelope as well as its bytes', async () => {
    const envelope = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: secret,
      associatedData: context,
      random: systemRandom,
    });
    const opened = await openEnvelope({
      recipient,
      envelope: encodeBase64url(envelope),
      associatedData: context,
    });
    expect(toHex(opened)).toBe(toHex(secret));
  });

  it('carries an empty plaintext', async () => {
    const envelope = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: new Uint8Array(0),
      associatedData: context,
      random: systemRandom,
    });
    expect(envelope.length).toBe(1 + 65 + 12 + 16);
    expect((await openEnvelope({ recipient, envelope, associatedData: context })).length).toBe(0);
  });

  it('lays out version, ephemeral point, nonce, then ciphertext and tag', async () => {
    const nonce = seededRandom('layout')(12);
    const envelope = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: secret,
      associatedData: context,
      random: seededRandom('layout'),
    });
    expect(envelope.length).toBe(1 + 65 + 12 + secret.length + 16);
    expect(envelope[0]).toBe(0x01);
    expect(envelope[1]).toBe(0x04);
    expect(toHex(envelope.subarray(66, 78))).toBe(toHex(nonce));
    expect(toHex(envelope.subarray(78, 78 + secret.length))).not.toBe(toHex(secret));
  });

  it('uses a fresh ephemeral key for every envelope', async () => {
    const seal = () =>
      sealEnvelope({
        recipientPublicKey: recipient.publicKey,
        plaintext: secret,
        associatedData: context,
        random: seededRandom('same nonce'),
      });
    const [a, b] = [await seal(), await seal()];
    expect(toHex(a.subarray(1, 66))).not.toBe(toHex(b.subarray(1, 66)));
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('gives the same bytes for the same ephemeral key and seeded randomness, and others for another seed', async () => {
    const ephemeralKeyPair = await generateEnvelopeKeyPair();
    const seal = (seed: string) =>
      sealEnvelope({
        recipientPublicKey: recipient.publicKey,
        plaintext: secret,
        associatedData: context,
        random: seededRandom(seed),
        ephemeralKeyPair,
      });
    expect(toHex(await seal('one'))).toBe(toHex(await seal('one')));
    expect(toHex(await seal('one'))).not.toBe(toHex(await seal('two')));
  });

  it('reproduces the checked-in version-1 vector and opens it', async () => {
    const vector = loadEnvelopeVector();
    const recipientPair = await importEnvelopeKeyPair(vector.recipientPrivateJwk);
    const ephemeralKeyPair = await importEnvelopeKeyPair(vector.ephemeralPrivateJwk);
    const associatedData = encodeLengthPrefixed(vector.associatedDataFields);
    expect(toHex(associatedData)).toBe(vector.associatedDataHex);

    const envelope = await sealEnvelope({
      recipientPublicKey: recipientPair.publicKey,
      plaintext: fromHex(vector.plaintextHex),
      associatedData,
      random: fixedRandom(vector.nonceHex),
      ephemeralKeyPair,
    });
    expect(encodeBase64url(envelope)).toBe(vector.envelopeBase64url);
    const opened = await openEnvelope({
      recipient: recipientPair,
      envelope: vector.envelopeBase64url,
      associatedData,
    });
    expect(toHex(opened)).toBe(vector.plaintextHex);
  });

  it('refuses a private key as the recipient key', async () => {
    const extractable = await generateEnvelopeKeyPair({ extractable: true });
    const code = await rejectionCodeOf(
      sealEnvelope({
        recipientPublicKey: extractable.privateKey,
        plaintext: secret,
        associatedData: context,
        random: systemRandom,
      }),
    );
    expect(code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a random source that returns the wrong number of bytes', async () => {
    const error = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: secret,
      associatedData: context,
      random: () => new Uint8Array(8),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toBe('INVALID_ARGUMENT');
  });

  it('exports the recipient key it seals to as a 65-byte uncompressed point', async () => {
    const raw = await exportEnvelopePublicKey(recipient.publicKey, 'raw');
    const envelope = await sealEnvelope({
      recipientPublicKey: recipient.publicKey,
      plaintext: secret,
      associatedData: context,
      random: systemRandom,
    });
    expect(raw.length).toBe(65);
    expect(raw[0]).toBe(0x04);
    expect(toHex(envelope.subarray(1, 66))).not.toBe(toHex(raw));
  });
});
