/**
 * Notification authentication end to end over real HTTP (RP API v3 endpoints 4 and 5, spec §5.1): the RP
 * addresses a person or an account, the person's devices are offered the transaction, the person picks a device
 * and account, compares or chooses the verification code, and confirms with PIN1; or refuses on a screen, lets
 * it time out, or has several accounts and declines the device choice. Each applicable endResult is reached.
 */
import {
  chooseVerificationCode,
  confirmTransaction,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  refuseTransaction,
  takeTransaction,
} from '@tessera/device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import {
  interactionsOf,
  pollSession,
  startNotificationAuthentication,
  verifyAuthentication,
} from '../support/relying-party.js';

const PIN1 = '4821';
const PERSON = 'PNOLT-40504040001';
let server: TestIdentityServer;
let phone: DeviceContext;
let tablet: DeviceContext;
let phoneAccount: string;
let tabletAccount: string;

async function enrol(device: DeviceContext, semanticsIdentifier: string): Promise<string> {
  const account = await enrolIdentity(device, {
    identity: {
      semanticsIdentifier,
      givenName: 'MARY',
      surname: 'SMITH',
      dateOfBirth: '1990-03-03',
      country: semanticsIdentifier.slice(3, 5),
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: '73920',
    profile: 'test-2048',
  });
  return account.documentNumber;
}

/** The one offer waiting for `device`, taken with its only account for this person. */
async function takeOffer(device: DeviceContext) {
  const pending = await fetchPendingTransactions(device, { waitMs: 5000 });
  expect(pending.offers).toHaveLength(1);
  const offer = pending.offers[0]!;
  return takeTransaction(device, {
    transactionId: offer.transactionId,
    documentNumbers: offer.documentNumbers,
  });
}

beforeAll(async () => {
  server = await startTestIdentityServer();
  phone = headlessDevice(server);
  tablet = headlessDevice(server);
  phoneAccount = await enrol(phone, PERSON);
  tabletAccount = await enrol(tablet, PERSON);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('notification authentication', () => {
  it('by document number: the device shows the RP verification code, PIN1 completes, the RP verifies', async () => {
    const session = await startNotificationAuthentication(server.url, { document: phoneAccount });
    const taken = await takeOffer(phone);
    expect(taken.view).toMatchObject({
      documentNumber: phoneAccount,
      verificationCode: session.verificationCode,
      verificationCodeChoice: null,
    });
    expect((await fetchPendingTransactions(tablet)).offers).toEqual([]);
    expect(await confirmTransaction(phone, { view: taken.view!, pin: PIN1 })).toMatchObject({ result: 'OK' });
    const status = await pollSession(server.url, session.sessionID);
    verifyAuthentication(status, session);
    expect(status).toMatchObject({
      result: { documentNumber: phoneAccount },
      signature: { flowType: 'Notification' },
    });
  });

  it('by semantics identifier: both devices are offered it, the first to take it wins', async () => {
    const session = await startNotificationAuthentication(server.url, { etsi: PERSON });
    const onTablet = await fetchPendingTransactions(tablet, { waitMs: 5000 });
    expect(onTablet.offers.map((o) => o.documentNumbers)).toEqual([[tabletAccount]]);
    const taken = await takeOffer(phone);
    expect((await fetchPendingTransactions(tablet)).offers).toEqual([]);
    // The phone taking it again (its screen and the watch it serves) gets the transaction it holds.
    const again = await takeTransaction(phone, {
      transactionId: session.sessionID,
      documentNumbers: [phoneAccount],
    });
    expect(again.view).toEqual(taken.view);
    await expect(
      takeTransaction(tablet, { transactionId: session.sessionID, documentNumbers: [tabletAccount] }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await confirmTransaction(phone, { view: taken.view!, pin: PIN1 })).toMatchObject({ result: 'OK' });
    expect(await pollSession(server.url, session.sessionID)).toMatchObject({
      result: { endResult: 'OK', documentNumber: phoneAccount },
    });
  });

  it('wakes a device waiting for transactions as soon as one is offered', async () => {
    const waiting = fetchPendingTransactions(phone, { waitMs: 20_000 });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 200));
    const session = await startNotificationAuthentication(server.url, { document: phoneAccount });
    const pending = await waiting;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pending.offers.map((o) => o.transactionId)).toEqual([session.sessionID]);
    await refuseTransaction(phone, session.sessionID, 'DEVICE_CHOICE');
  });

  it('holds a poll that has seen what is pending until it changes', async () => {
    const session = await startNotificationAuthentication(server.url, { document: phoneAccount });
    const offered = await fetchPendingTransactions(phone, { waitMs: 5000 });
    expect(offered.offers.map((o) => o.transactionId)).toEqual([session.sessionID]);
    // Nothing changed: held to the end of its wait, then the same answer.
    let started = Date.now();
    const same = await fetchPendingTransactions(phone, { waitMs: 1200, seen: offered.digest });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
    expect(same).toEqual(offered);
    // Ended elsewhere: the held poll answers within the server's recheck, without the offer.
    started = Date.now();
    const waiting = fetchPendingTransactions(phone, { waitMs: 20_000, seen: offered.digest });
    await new Promise((r) => setTimeout(r, 200));
    await refuseTransaction(phone, session.sessionID, 'DEVICE_CHOICE');
    const after = await waiting;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(after.offers).toEqual([]);
    expect(after.digest).not.toBe(offered.digest);
    // What the server gives for nothing pending is what a poll without `seen` waits to differ from.
    expect(after.digest).toBe((await fetchPendingTransactions(tablet)).digest);
  });

  it('refuses a malformed seen digest with a problem', async () => {
    await expect(fetchPendingTransactions(phone, { seen: 'not a digest!' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('ends USER_REFUSED_CERT_CHOICE when the person declines on the device-choice screen', async () => {
    const session = await startNotificationAuthentication(server.url, { etsi: PERSON });
    await fetchPendingTransactions(tablet, { waitMs: 5000 });
    await refuseTransaction(tablet, session.sessionID, 'DEVICE_CHOICE');
    expect(await pollSession(server.url, session.sessionID)).toMatchObject({
      result: { endResult: 'USER_REFUSED_CERT_CHOICE' },
    });
    expect((await fetchPendingTransactions(phone)).offers).toEqual([]);
  });

  describe('the verification code choice', () => {
    const choice = interactionsOf([
      { type: 'confirmationMessageAndVerificationCodeChoice', displayText200: 'Log in to the self-service?' },
    ]);

    it('offers three codes with the right one; choosing it lets PIN1 complete', async () => {
      const session = await startNotificationAuthentication(
        server.url,
        { document: phoneAccount },
        { interactions: choice },
      );
      const { view } = await takeOffer(phone);
      expect(view?.verificationCode).toBeNull();
      expect(view?.verificationCodeChoice).toHaveLength(3);
      expect(view?.verificationCodeChoice).toContain(session.verificationCode);
      await expect(confirmTransaction(phone, { view: view!, pin: PIN1 })).rejects.toMatchObject({
        status: 409,
        problemCode: 'VERIFICATION_CODE_NOT_CHOSEN',
      });
      expect(await chooseVerificationCode(phone, view!.transactionId, session.verificationCode)).toEqual({
        result: 'OK',
      });
      expect(await confirmTransaction(phone, { view: view!, pin: PIN1 })).toMatchObject({ result: 'OK' });
      const status = await pollSession(server.url, session.sessionID);
      verifyAuthentication(status, session);
      expect(status).toMatchObject({ interactionTypeUsed: 'confirmationMessageAndVerificationCodeChoice' });
    });

    it('ends WRONG_VC when the person chooses a wrong code', async () => {
      const session = await startNotificationAuthentication(
        server.url,
        { document: phoneAccount },
        { interactions: choice },
      );
      const { view } = await takeOffer(phone);
      const wrong = view!.verificationCodeChoice!.find((c) => c !== session.verificationCode)!;
      expect(await chooseVerificationCode(phone, view!.transactionId, wrong)).toEqual({ result: 'WRONG_VC' });
      expect(await pollSession(server.url, session.sessionID)).toMatchObject({
        result: { endResult: 'WRONG_VC' },
      });
    });
  });

  describe('refusals name the screen they happened on', () => {
    it.each([
      [
        'displayTextAndPIN',
        'DISPLAYTEXT_AND_PIN',
        { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
      ],
      [
        'confirmationMessage',
        'CONFIRMATIONMESSAGE',
        { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'confirmationMessage' } },
      ],
      ['confirmationMessage', 'DISPLAYTEXT_AND_PIN', { endResult: 'USER_REFUSED' }],
      [
        'confirmationMessageAndVerificationCodeChoice',
        'VERIFICATION_CODE_CHOICE',
        {
          endResult: 'USER_REFUSED_INTERACTION',
          details: { interaction: 'confirmationMessageAndVerificationCodeChoice' },
        },
      ],
    ] as const)('%s refused on %s gives %o', async (type, screen, result) => {
      const text =
        type === 'displayTextAndPIN' ? { displayText60: 'Log in?' } : { displayText200: 'Log in?' };
      const session = await startNotificationAuthentication(
        server.url,
        { document: phoneAccount },
        { interactions: interactionsOf([{ type, ...text }]) },
      );
      const { view } = await takeOffer(phone);
      await refuseTransaction(phone, view!.transactionId, screen);
      const status = await pollSession(server.url, session.sessionID);
      expect(status.state).toBe('COMPLETE');
      expect((status as { result: unknown }).result).toEqual(result);
    });
  });

  it('ends TIMEOUT when nobody answers in time, and the device no longer lists it', async () => {
    const session = await startNotificationAuthentication(server.url, { document: phoneAccount });
    expect((await fetchPendingTransactions(phone)).offers).toHaveLength(1);
    const now = server.clock.now();
    server.clock.set(new Date(now.getTime() + 121_000));
    try {
      expect(await pollSession(server.url, session.sessionID)).toMatchObject({
        result: { endResult: 'TIMEOUT' },
      });
      expect((await fetchPendingTransactions(phone)).offers).toEqual([]);
    } finally {
      server.clock.set(now);
    }
  });

  it('answers 404 for a person or a document without a usable account; ADVANCED requests find QUALIFIED accounts', async () => {
    await expect(
      startNotificationAuthentication(server.url, { etsi: 'PNOEE-48010010101' }),
    ).rejects.toMatchObject({
      status: 404,
      body: { title: 'Not Found' },
    });
    await expect(
      startNotificationAuthentication(server.url, { document: 'PNOEE-48010010101-ABCD-Q' }),
    ).rejects.toMatchObject({ status: 404 });
    // An ADVANCED request accepts QUALIFIED accounts too.
    const advanced = await startNotificationAuthentication(
      server.url,
      { etsi: PERSON },
      { certificateLevel: 'ADVANCED' },
    );
    await refuseTransaction(phone, advanced.sessionID, 'DEVICE_CHOICE');
  });
});
