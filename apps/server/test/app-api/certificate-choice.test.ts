/**
 * RP API v3 certificate choice (endpoints 12 and 13, spec §5.2): the person chooses an account on a device (by
 * device link or on a notification) and the RP gets that account's signing certificate and document number, to
 * prepare a signature; declining on the device-choice screen ends USER_REFUSED_CERT_CHOICE.
 */
import { X509Certificate } from 'node:crypto';
import {
  createMemoryVault,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  refuseTransaction,
  takeTransaction,
} from '@tessera/device';
import { buildDeviceLink, DEFAULT_SCHEME_NAME } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { DEMO_RP, pollSession } from '../support/relying-party.js';

const PERSON = 'PNOLV-020100-29990';
let server: TestIdentityServer;
let device: DeviceContext;
let documentNumber: string;
let signingCertificate: Buffer;

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = {
    vault: createMemoryVault(),
    transport: { baseUrl: server.url, fetch: (url, init) => fetch(url, init) },
    random: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    now: () => server.clock.now().getTime(),
  };
  const account = await enrolIdentity(device, {
    identity: {
      semanticsIdentifier: PERSON,
      givenName: 'ANDRIS',
      surname: 'PARAUDZIŅŠ',
      dateOfBirth: '2000-01-02',
      country: 'LV',
      level: 'QUALIFIED',
    },
    pin1: '1357',
    pin2: '24680',
    profile: 'test-2048',
  });
  documentNumber = account.documentNumber;
  signingCertificate = Buffer.from(
    account.keys.find((k) => k.purpose === 'signing')!.certificate,
    'base64url',
  );
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function post(path: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function expectChosen(status: unknown, flowType: string) {
  expect(status).toMatchObject({
    state: 'COMPLETE',
    result: { endResult: 'OK', documentNumber },
    signature: { flowType },
    cert: { certificateLevel: 'QUALIFIED' },
  });
  const cert = (status as { cert: { value: string } }).cert.value;
  expect(new X509Certificate(Buffer.from(cert, 'base64')).raw).toEqual(signingCertificate);
  expect(status).not.toHaveProperty('signatureProtocol');
}

describe('certificate choice', () => {
  it('by device link: the person opens the link and the RP gets the signing certificate', async () => {
    const res = await post('/v3/signature/certificate-choice/device-link/anonymous', {
      ...DEMO_RP,
      nonce: 'a1',
    });
    expect(res.status).toBe(200);
    const { sessionID, sessionToken, sessionSecret, deviceLinkBase } = (await res.json()) as Record<
      string,
      string
    >;
    const link = buildDeviceLink(
      {
        deviceLinkBase: deviceLinkBase!,
        sessionToken: sessionToken!,
        sessionType: 'cert',
        lang: 'lav',
        deviceLinkType: 'QR',
        elapsedSeconds: 0,
      },
      { sessionType: 'cert', schemeName: DEFAULT_SCHEME_NAME, relyingPartyName: 'DEMO' },
      sessionSecret!,
    );
    const taken = await takeTransaction(device, { deviceLink: link });
    expect(taken).toMatchObject({ view: null, certificateChosen: true });
    expectChosen(await pollSession(server.url, sessionID!), 'QR');
  });

  it('by notification: offered to the person, chosen on the device', async () => {
    const res = await post(`/v3/signature/certificate-choice/notification/etsi/${PERSON}`, DEMO_RP);
    expect(res.status).toBe(200);
    const { sessionID } = (await res.json()) as { sessionID: string };
    const { offers } = await fetchPendingTransactions(device, { waitMs: 5000 });
    expect(offers).toEqual([
      expect.objectContaining({ transactionId: sessionID, kind: 'certificateChoice' }),
    ]);
    const taken = await takeTransaction(device, {
      transactionId: sessionID,
      documentNumbers: offers[0]!.documentNumbers,
    });
    expect(taken.certificateChosen).toBe(true);
    expectChosen(await pollSession(server.url, sessionID), 'Notification');
  });

  it('ends USER_REFUSED_CERT_CHOICE when the person declines, and 404 for nobody', async () => {
    const res = await post(`/v3/signature/certificate-choice/notification/etsi/${PERSON}`, DEMO_RP);
    const { sessionID } = (await res.json()) as { sessionID: string };
    await fetchPendingTransactions(device, { waitMs: 5000 });
    await refuseTransaction(device, sessionID, 'DEVICE_CHOICE');
    expect(await pollSession(server.url, sessionID)).toMatchObject({
      result: { endResult: 'USER_REFUSED_CERT_CHOICE' },
    });
    expect(
      (await post('/v3/signature/certificate-choice/notification/etsi/PNOLV-010101-10006', DEMO_RP)).status,
    ).toBe(404);
  });
});
