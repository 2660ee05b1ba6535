import { createPublicKey, verify } from 'node:crypto';
import { bigintToBytes, decodeBase64url } from '@tessera/crypto';
import type { AcspV2PayloadFields } from '@tessera/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  confirmTransaction,
  createMemoryVault,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  listAccounts,
} from '../src/index.js';
import { createFakeAppServer } from './fake-app-server.js';

const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const identity = {
  semanticsIdentifier: 'PNOEE-30303039914',
  givenName: 'OK',
  surname: 'TESTNUMBER',
  dateOfBirth: '1903-03-03',
  country: 'EE',
  level: 'QUALIFIED' as const,
};
const fields: AcspV2PayloadFields = {
  schemeName: 'smart-id-demo',
  serverRandom: 'c2VydmVyLXJhbmRvbS12YWx1ZS0wMDAx',
  rpChallenge: 'cnAtY2hhbGxlbmdlLXZhbHVlLTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=',
  userChallenge: 'A'.repeat(43),
  relyingPartyName: 'DEMO',
  interactions: 'W3sidHlwZSI6ImRpc3BsYXlUZXh0QW5kUElOIiwiZGlzcGxheVRleHQ2MCI6IkxvZyBpbiJ9XQ==',
  interactionTypeUsed: 'displayTextAndPIN',
  flowType: 'QR',
};

type Server = Awaited<ReturnType<typeof createFakeAppServer>>;
let server: Server;
let context: DeviceContext;
let accountId: string;

beforeAll(async () => {
  server = await createFakeAppServer();
  context = { vault: createMemoryVault(), transport: server.transport, random, now: () => server.state.now };
  const account = await enrolIdentity(context, {
    identity,
    pin1: '1234',
    pin2: '12345',
    serverEnvelopePublicKey: server.envelopePublicKey,
    profile: 'test-2048',
  });
  accountId = account.accountId;
}, 20_000);

function confirm(view: ReturnType<Server['openAuthentication']>, pin: string) {
  return confirmTransaction(context, { view, pin, serverEnvelopePublicKey: server.envelopePublicKey });
}

describe('the device against a server that runs the real two-party crypto', () => {
  it('enrols two keys whose server shares and clone tokens the server can open', async () => {
    const accounts = await listAccounts(context);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.keys.map((k) => k.purpose)).toEqual(['authentication', 'signing']);
    expect(server.keys.size).toBe(2);
    expect(JSON.stringify(accounts)).not.toContain('1234');
  });

  it('authenticates with PIN1 and the completed signature verifies as RSASSA-PSS', async () => {
    const view = server.openAuthentication(accountId, fields);
    const tokenBefore = (await listAccounts(context))[0]?.keys[0]?.cloneToken;
    expect(await confirm(view, '1234')).toEqual({ result: 'OK', nextCloneToken: expect.any(String) });
    const key = (await listAccounts(context))[0]?.keys[0];
    expect(key?.cloneToken).not.toBe(tokenBefore);
    expect(key?.pendingRequest).toBeNull();

    const serverKey = [...server.keys.values()].find((k) => k.accountId === accountId);
    const n = serverKey?.modulus as bigint;
    const publicKey = createPublicKey({
      key: { kty: 'RSA', n: Buffer.from(bigintToBytes(n, 256)).toString('base64url'), e: 'AQAB' },
      format: 'jwk',
    });
    const { buildAcspV2Payload } = await import('@tessera/protocol');
    const ok = verify(
      'sha256',
      buildAcspV2Payload(fields),
      { key: publicKey, padding: 6, saltLength: -2 },
      server.signatures.get(view.transactionId) as Uint8Array,
    );
    expect(ok).toBe(true);
  });

  it('reports a wrong PIN with the attempts left, takes the next clone token, and then signs with the right PIN', async () => {
    const view = server.openAuthentication(accountId, fields);
    const before = (await listAccounts(context))[0]?.keys[0]?.cloneToken;
    expect(await confirm(view, '9999')).toEqual({
      result: 'WRONG_PIN',
      attemptsLeft: 2,
      nextCloneToken: expect.any(String),
    });
    expect((await listAccounts(context))[0]?.keys[0]?.cloneToken).not.toBe(before);
    expect(await confirm(view, '1234')).toMatchObject({ result: 'OK' });
  });

  it('refuses an encoded message that does not encode the displayed payload before using the PIN', async () => {
    const view = server.openAuthentication(accountId, fields, { tamper: true });
    const requests = server.state.verifiedRequests;
    await expect(confirm(view, 'not-a-pin')).rejects.toMatchObject({ code: 'ENCODED_MESSAGE_MISMATCH' });
    expect(server.state.verifiedRequests).toBe(requests);
  });

  it('resends the identical request after a lost response and the server does not count it twice', async () => {
    const view = server.openAuthentication(accountId, fields);
    const completions = server.state.completions;
    server.state.dropNextResponse = true;
    await expect(confirm(view, '1234')).rejects.toMatchObject({ code: 'TRANSPORT_FAILURE' });
    const pending = (await listAccounts(context))[0]?.keys[0]?.pendingRequest;
    expect(pending?.transactionId).toBe(view.transactionId);
    expect(server.state.completions).toBe(completions + 1);

    // The PIN is not used again: a wrong one is ignored because the stored request is resent.
    expect(await confirm(view, '0000')).toMatchObject({ result: 'OK' });
    expect(server.state.completions).toBe(completions + 1);
    expect((await listAccounts(context))[0]?.keys[0]?.pendingRequest).toBeNull();
    expect(await confirm(server.openAuthentication(accountId, fields), '1234')).toMatchObject({
      result: 'OK',
    });
  });

  it('lists the transactions waiting for the device', async () => {
    const view = server.openAuthentication(accountId, fields);
    const pending = await fetchPendingTransactions(context);
    expect(pending.map((t) => t.transactionId)).toContain(view.transactionId);
    expect(decodeBase64url(view.encodedMessage)).toHaveLength(256);
  });
});

describe('PIN formats', () => {
  const base = () => ({
    identity,
    serverEnvelopePublicKey: server.envelopePublicKey,
    profile: 'test-2048' as const,
  });
  it.each([
    ['123', '12345'],
    ['1234567890123', '12345'],
    ['12a4', '12345'],
    ['1234', '1234'],
    ['1234', '1234567890123'],
  ])('refuses PIN1 %s with PIN2 %s before generating any key', async (pin1, pin2) => {
    await expect(enrolIdentity(context, { ...base(), pin1, pin2 })).rejects.toMatchObject({
      code: 'INVALID_PIN_FORMAT',
    });
  });

  it('refuses a badly formatted PIN at confirmation without sending anything', async () => {
    const view = server.openAuthentication(accountId, fields);
    const requests = server.state.verifiedRequests;
    await expect(confirm(view, '12')).rejects.toMatchObject({ code: 'INVALID_PIN_FORMAT' });
    expect(server.state.verifiedRequests).toBe(requests);
  });
});
