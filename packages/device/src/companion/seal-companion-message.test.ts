import { decodeBase64url, encodeBase64url, systemRandom } from '@tessera/crypto';
import { computePhoneCommitment } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { deriveCompanionKeys, generateCompanionKeyPair } from './derive-companion-keys.js';
import { openCompanionMessage } from './open-companion-message.js';
import { type CompanionDirection, sealCompanionMessage } from './seal-companion-message.js';

const KEY = encodeBase64url(new Uint8Array(32).fill(7));
const CHANNEL = 'channel-1';

function seal(counter: number, plaintext = 'hello', direction: CompanionDirection = 'phone-to-watch') {
  return sealCompanionMessage({
    key: KEY,
    channelId: CHANNEL,
    direction,
    counter,
    plaintext: new TextEncoder().encode(plaintext),
    random: systemRandom,
  });
}

function open(sealed: Uint8Array, lastCounter = 0, overrides: { channelId?: string; key?: string } = {}) {
  return openCompanionMessage({
    key: overrides.key ?? KEY,
    channelId: overrides.channelId ?? CHANNEL,
    direction: 'phone-to-watch',
    lastCounter,
    sealed,
  });
}

const REJECTED = { code: 'COMPANION_MESSAGE_REJECTED' };

describe('companion channel messages', () => {
  it('open to what was sealed, with its counter', async () => {
    const opened = await open(await seal(42, '{"type":"details-request"}'));
    expect(opened.counter).toBe(42);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('{"type":"details-request"}');
  });

  it('are rejected when any bit is flipped: version, counter, nonce salt, ciphertext or tag', async () => {
    const sealed = await seal(5);
    for (let i = 0; i < sealed.length; i++) {
      const tampered = sealed.slice();
      tampered[i]! ^= 0x01;
      await expect(open(tampered)).rejects.toMatchObject(REJECTED);
    }
  });

  it('are rejected when replayed or reordered: a counter at or below the last accepted', async () => {
    const sealed = await seal(10);
    const { counter } = await open(sealed);
    await expect(open(sealed, counter)).rejects.toMatchObject(REJECTED);
    await expect(open(await seal(9), counter)).rejects.toMatchObject(REJECTED);
    expect((await open(await seal(11), counter)).counter).toBe(11);
  });

  it('are rejected in the other direction, on another channel or under another key', async () => {
    await expect(open(await seal(3, 'x', 'watch-to-phone'))).rejects.toMatchObject(REJECTED);
    await expect(open(await seal(3), 0, { channelId: 'channel-2' })).rejects.toMatchObject(REJECTED);
    const other = encodeBase64url(new Uint8Array(32).fill(8));
    await expect(open(await seal(3), 0, { key: other })).rejects.toMatchObject(REJECTED);
  });

  it('are rejected when truncated, and two seals with one counter use different nonces', async () => {
    const sealed = await seal(1);
    await expect(open(sealed.subarray(0, 20))).rejects.toMatchObject(REJECTED);
    const again = await seal(1);
    expect(encodeBase64url(again.subarray(1, 13))).not.toBe(encodeBase64url(sealed.subarray(1, 13)));
  });
});

describe('companion pairing keys', () => {
  it('are the same on both ends, SAS included; another phone nonce gives another SAS', async () => {
    const phone = await generateCompanionKeyPair();
    const watch = await generateCompanionKeyPair();
    expect(decodeBase64url(phone.publicKey)).toHaveLength(65);
    const phoneNonce = encodeBase64url(systemRandom(32));
    const common = { channelId: CHANNEL, phonePublicKey: phone.publicKey, watchPublicKey: watch.publicKey };
    const onPhone = await deriveCompanionKeys({
      ...common,
      privateKey: phone.privateKey,
      peerPublicKey: watch.publicKey,
      phoneNonce,
    });
    const onWatch = await deriveCompanionKeys({
      ...common,
      privateKey: watch.privateKey,
      peerPublicKey: phone.publicKey,
      phoneNonce,
    });
    expect(onWatch).toEqual(onPhone);
    expect(onPhone.sas).toMatch(/^[0-9]{6}$/);
    expect(onPhone.phoneToWatch).not.toBe(onPhone.watchToPhone);
    const others = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const derived = await deriveCompanionKeys({
        ...common,
        privateKey: phone.privateKey,
        peerPublicKey: watch.publicKey,
        phoneNonce: encodeBase64url(systemRandom(32)),
      });
      others.add(derived.sas);
    }
    expect(others.size).toBeGreaterThan(1);
  });

  it('are committed to: the commitment changes with the key and with the nonce', () => {
    const key = encodeBase64url(new Uint8Array(65).fill(4));
    const nonce = encodeBase64url(new Uint8Array(32).fill(1));
    const commitment = computePhoneCommitment(key, nonce);
    expect(commitment).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(computePhoneCommitment(key, encodeBase64url(new Uint8Array(32).fill(2)))).not.toBe(commitment);
    expect(computePhoneCommitment(encodeBase64url(new Uint8Array(65).fill(5)), nonce)).not.toBe(commitment);
  });
});
