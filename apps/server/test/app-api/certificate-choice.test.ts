/**
 * RP API v3 certificate choice (endpoints 12 and 13, spec §5.2): the person chooses an account on a device (by
 * device link or on a notification) and the RP gets that account's signing certificate and document number, to
 * prepare a signature; declining on the device-choice screen ends USER_REFUSED_CERT_CHOICE. Then the signature
 * linked to a device-link choice (endpoint 10) on the same device.
 */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { LINKED_SIGNATURE_WAIT_MS } from '@tessera/core';
import {
  confirmTransaction,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  refuseTransaction,
  takeTransaction,
} from '@tessera/device';
import {
  buildDeviceLink,
  computeSessionSecretDigest,
  DEFAULT_SCHEME_NAME,
  readCallbackParameters,
} from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { DEMO_RP, pollSession, startNotificationAuthentication } from '../support/relying-party.js';

const PERSON = 'PNOLV-020100-29990';
let server: TestIdentityServer;
let device: DeviceContext;
let documentNumber: string;
let signingCertificate: Buffer;

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server);
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
    // No linked signature follows: the app stops waiting for one after LINKED_SIGNATURE_WAIT_MS.
    server.clock.set(new Date(server.clock.now().getTime() + LINKED_SIGNATURE_WAIT_MS));
  });

  it('by notification: offered to the person, chosen on the device', async () => {
    const res = await post(`/v3/signature/certificate-choice/notification/etsi/${PERSON}`, {
      ...DEMO_RP,
      nonce: 'n1',
    });
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
    const res = await post(`/v3/signature/certificate-choice/notification/etsi/${PERSON}`, {
      ...DEMO_RP,
      nonce: 'r1',
    });
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

describe('linked signing (endpoint 10)', () => {
  const documentToSign = new TextEncoder().encode('A contract chosen by certificate.');
  const signatureBody = (linkedSessionID: string) => ({
    ...DEMO_RP,
    signatureProtocol: 'RAW_DIGEST_SIGNATURE',
    signatureProtocolParameters: {
      digest: createHash('sha256').update(documentToSign).digest('base64'),
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: { hashAlgorithm: 'SHA-256' },
    },
    interactions: Buffer.from(
      JSON.stringify([{ type: 'confirmationMessage', displayText200: 'Sign the contract?' }]),
    ).toString('base64'),
    linkedSessionID,
  });

  it('follows a Web2App certificate choice on the same device: no code, PIN2, the callback of the choice', async () => {
    const initialCallbackUrl = 'https://rp.example.com/after-signing?value=k9';
    const res = await post('/v3/signature/certificate-choice/device-link/anonymous', {
      ...DEMO_RP,
      initialCallbackUrl,
    });
    const choice = (await res.json()) as Record<string, string>;
    const link = buildDeviceLink(
      {
        deviceLinkBase: choice.deviceLinkBase!,
        sessionToken: choice.sessionToken!,
        sessionType: 'cert',
        lang: 'lav',
        deviceLinkType: 'Web2App',
      },
      { sessionType: 'cert', schemeName: DEFAULT_SCHEME_NAME, relyingPartyName: 'DEMO', initialCallbackUrl },
      choice.sessionSecret!,
    );
    expect((await takeTransaction(device, { deviceLink: link })).certificateChosen).toBe(true);
    expect((await pollSession(server.url, choice.sessionID!)).state).toBe('COMPLETE');

    const linked = await post(
      `/v3/signature/notification/linked/${documentNumber}`,
      signatureBody(choice.sessionID!),
    );
    expect(linked.status).toBe(200);
    const { sessionID } = (await linked.json()) as { sessionID: string };
    const { offers } = await fetchPendingTransactions(device, { waitMs: 5000 });
    const taken = await takeTransaction(device, {
      transactionId: sessionID,
      documentNumbers: offers[0]!.documentNumbers,
    });
    expect(taken.view).toMatchObject({
      keyPurpose: 'signing',
      verificationCode: null,
      signedContent: { flowType: 'Web2App' },
    });
    const answer = await confirmTransaction(device, { view: taken.view!, pin: '24680' });
    expect(answer.result).toBe('OK');
    expect(readCallbackParameters(answer.callbackUrl!)).toEqual({
      sessionSecretDigest: computeSessionSecretDigest(choice.sessionSecret!),
    });
    expect(answer.callbackUrl?.startsWith(`${initialCallbackUrl}&`)).toBe(true);
    const status = (await pollSession(server.url, sessionID)) as unknown as {
      signature: { value: string; flowType: string; signatureAlgorithmParameters: { saltLength: number } };
    };
    expect(status.signature.flowType).toBe('Web2App');
    const ok = verify(
      'sha256',
      documentToSign,
      {
        key: new X509Certificate(signingCertificate).publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      },
      Buffer.from(status.signature.value, 'base64'),
    );
    expect(ok).toBe(true);
  });

  it('ends another transaction taken while the device waits for the linked signature with EXPECTED_LINKED_SESSION', async () => {
    const res = await post('/v3/signature/certificate-choice/device-link/anonymous', DEMO_RP);
    const choice = (await res.json()) as Record<string, string>;
    const link = buildDeviceLink(
      {
        deviceLinkBase: choice.deviceLinkBase!,
        sessionToken: choice.sessionToken!,
        sessionType: 'cert',
        lang: 'eng',
        deviceLinkType: 'QR',
        elapsedSeconds: 0,
      },
      { sessionType: 'cert', schemeName: DEFAULT_SCHEME_NAME, relyingPartyName: 'DEMO' },
      choice.sessionSecret!,
    );
    expect((await takeTransaction(device, { deviceLink: link })).certificateChosen).toBe(true);

    // Another RP's login reaches the device before the linked signature: the app, waiting, ends it.
    const other = await startNotificationAuthentication(server.url, { etsi: PERSON });
    const { offers } = await fetchPendingTransactions(device);
    const offer = offers.find((o) => o.transactionId === other.sessionID)!;
    await expect(takeTransaction(device, offer)).rejects.toMatchObject({
      status: 409,
      problemCode: 'EXPECTED_LINKED_SESSION',
    });
    expect(((await pollSession(server.url, other.sessionID)) as { result?: unknown }).result).toEqual({
      endResult: 'EXPECTED_LINKED_SESSION',
    });

    // The linked signature is taken and ends the wait; the next login is taken as usual.
    const linked = await post(
      `/v3/signature/notification/linked/${documentNumber}`,
      signatureBody(choice.sessionID!),
    );
    const { sessionID } = (await linked.json()) as { sessionID: string };
    const taken = await takeTransaction(device, {
      transactionId: sessionID,
      documentNumbers: [documentNumber],
    });
    expect((await confirmTransaction(device, { view: taken.view!, pin: '24680' })).result).toBe('OK');
    const next = await startNotificationAuthentication(server.url, { etsi: PERSON });
    const again = await takeTransaction(device, {
      transactionId: next.sessionID,
      documentNumbers: [documentNumber],
    });
    expect(again.view?.keyPurpose).toBe('authentication');
    await refuseTransaction(device, next.sessionID, 'DISPLAYTEXT_AND_PIN');
  });

  it('refuses a linkedSessionID that is no finished certificate choice of this account with 400', async () => {
    const other = await post(
      `/v3/signature/notification/linked/${documentNumber}`,
      signatureBody('00000000-0000-4000-8000-00000000abcd'),
    );
    expect(other.status).toBe(400);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });
});
