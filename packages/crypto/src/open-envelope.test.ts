import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url.js';
import { CryptoError } from './crypto-error.js';
import { encodeLengthPrefixed } from './encode-length-prefixed.js';
import { exportEnvelopePublicKey } from './export-envelope-public-key.js';
import { generateEnvelopeKeyPair } from './generate-envelope-key-pair.js';
import { openEnvelope } from './open-envelope.js';
import { systemRandom } from './random.js';
import { sealEnvelope } from './seal-envelope.js';
import { rejectionCodeOf } from './test-support/envelope-vector.js';
import { toHex } from './test-support/fixtures.js';

const recipient = await generateEnvelopeKeyPair();
const context = encodeLengthPrefixed(['tessera/partial-signature', 'tx-42', 'key-7']);
const secret = new TextEncoder().encode('d_srv: a key share that must stay secret');
const envelope = await sealEnvelope({
  recipientPublicKey: recipient.publicKey,
  plaintext: secret,
  associatedData: context,
  random: systemRandom,
});

/** A copy of the envelope with one byte XOR-ed. */
function flipped(at: number, mask = 0x01): Uint8Array {
  const copy = envelope.slice();
  copy[at]! ^= mask;
  return copy;
}

const open = (bytes: Uint8Array | string, associatedData = context, pair = recipient) =>
  openEnvelope({ recipient: pair, envelope: bytes, associatedData });

describe('openEnvelope', () => {
  it('opens the untouched envelope (the baseline for the refusals below)', async () => {
    expect(toHex(await open(envelope))).toBe(toHex(secret));
  });

  it.each([
    ['the first ciphertext byte', 78],
    ['the last ciphertext byte', 78 + secret.length - 1],
    ['the first tag byte', 78 + secret.length],
    ['the last tag byte', 78 + secret.length + 15],
    ['the first nonce byte', 66],
    ['the last nonce byte', 77],
    ['an X coordinate byte of the ephemeral key', 10],
    ['a Y coordinate byte of the ephemeral key', 60],
    ['the point-format byte of the ephemeral key', 1],
  ])('refuses an envelope with a changed byte in %s', async (_, at) => {
    expect(await rejectionCodeOf(open(flipped(at)))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses an envelope whose ephemeral key is replaced by another valid point', async () => {
    const other = await exportEnvelopePublicKey((await generateEnvelopeKeyPair()).publicKey, 'raw');
    const copy = envelope.slice();
    copy.set(other, 1);
    expect(await rejectionCodeOf(open(copy))).toBe('MALFORMED_CIPHERTEXT');
  });

  it.each([0, 1, 66, 78, 93, envelope.length - 1])('refuses an envelope truncated to %i bytes', async (n) => {
    expect(await rejectionCodeOf(open(envelope.subarray(0, n)))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses an envelope with a byte appended', async () => {
    const longer = new Uint8Array(envelope.length + 1);
    longer.set(envelope);
    expect(await rejectionCodeOf(open(longer))).toBe('MALFORMED_CIPHERTEXT');
  });

  it.each([0x00, 0x02, 0xff])('refuses version byte %i', async (version) => {
    const copy = envelope.slice();
    copy[0] = version;
    expect(await rejectionCodeOf(open(copy))).toBe('MALFORMED_CIPHERTEXT');
  });

  it.each([
    ['another transaction', ['tessera/partial-signature', 'tx-43', 'key-7']],
    ['another key', ['tessera/partial-signature', 'tx-42', 'key-8']],
    ['another purpose', ['tessera/enrolment-share', 'tx-42', 'key-7']],
    ['the same text split differently', ['tessera/partial-signature', 'tx-4', '2key-7']],
  ])('refuses associated data naming %s', async (_, fields) => {
    expect(await rejectionCodeOf(open(envelope, encodeLengthPrefixed(fields)))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses empty associated data for an envelope sealed with some', async () => {
    expect(await rejectionCodeOf(open(envelope, new Uint8Array(0)))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses to open with another server key', async () => {
    const otherServer = await generateEnvelopeKeyPair();
    expect(await rejectionCodeOf(open(envelope, context, otherServer))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('refuses when the public half of the key pair is not the one sealed to', async () => {
    const mixed = {
      privateKey: recipient.privateKey,
      publicKey: (await generateEnvelopeKeyPair()).publicKey,
    };
    expect(await rejectionCodeOf(open(envelope, context, mixed))).toBe('MALFORMED_CIPHERTEXT');
  });

  it.each([
    ['padding', `${encodeBase64url(envelope)}=`],
    ['standard base64 characters', encodeBase64url(envelope).replace(/[-_]/g, '+').concat('+/')],
    ['whitespace', ` ${encodeBase64url(envelope)}`],
  ])('refuses base64url text with %s', async (_, text) => {
    expect(await rejectionCodeOf(open(text))).toBe('MALFORMED_CIPHERTEXT');
  });

  it('gives one generic message that names no check and repeats no content', async () => {
    const messages = new Set<string>();
    for (const bad of [flipped(80), flipped(0), envelope.subarray(0, 10), flipped(1)]) {
      const error = await open(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CryptoError);
      messages.add((error as CryptoError).message);
    }
    const wrongContext = await open(envelope, new Uint8Array(1)).catch((e: unknown) => e);
    messages.add((wrongContext as CryptoError).message);
    expect([...messages]).toEqual(['The envelope cannot be opened.']);
  });

  it('refuses a public key in place of the recipient private key as a broken contract', async () => {
    const pair = { privateKey: recipient.publicKey, publicKey: recipient.publicKey };
    expect(await rejectionCodeOf(open(envelope, context, pair))).toBe('INVALID_ARGUMENT');
  });
});
