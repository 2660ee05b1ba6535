/**
 * Notification sessions in the domain, on memory stores: a session addressed to a person is offered to the
 * devices of all their accounts (and they are notified), the first device to accept it takes it, a device with
 * no target account cannot, the three-code choice gates the PIN and a wrong code ends WRONG_VC, and declining on
 * the device-choice screen ends USER_REFUSED_CERT_CHOICE.
 */
import { systemRandom } from '@tessera/crypto';
import {
  computeAuthenticationVerificationCode,
  type NotificationAuthenticationRequest,
} from '@tessera/protocol';
import { generateTestKey } from '@tessera/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  acceptNotificationTransaction,
  chooseVerificationCode,
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createMemoryDeviceStore,
  createMemorySessionStore,
  createSession,
  createSessionWaiter,
  createSoftwareKeyShareVault,
  enrolAccount,
  listDeviceTransactions,
  refuseTransaction,
  SANDBOX_DEMO_RELYING_PARTY,
} from '../src/index.js';

const PERSON = 'PNOEE-30303039914';
const now = Date.parse('2026-11-22T10:00:00Z');
const clock = { now: () => now };
let world: Awaited<ReturnType<typeof createWorld>>;

async function createWorld() {
  const accounts = createMemoryAccountStore();
  const keys = createMemoryAccountKeyStore();
  const sessions = createMemorySessionStore();
  const notified: string[][] = [];
  const deps = {
    accounts,
    keys,
    sessions,
    devices: createMemoryDeviceStore(),
    waiter: createSessionWaiter(),
    clock,
    random: systemRandom,
    vault: await createSoftwareKeyShareVault(systemRandom(32), systemRandom),
    notifier: { notifyDevices: (ids: readonly string[]) => notified.push([...ids]) },
    sessionTimeoutMs: 120_000,
    schemeName: 'smart-id-demo',
  };
  /** An active account with (stand-in) certificates on `deviceId`. */
  const enrol = async (deviceId: string, semanticsIdentifier = PERSON) => {
    const material = () => {
      const key = generateTestKey();
      return {
        modulus: key.modulus,
        publicExponent: 65537n,
        serverShare: key.serverShare,
        firstCloneToken: new Uint8Array(32),
      };
    };
    const account = await enrolAccount(deps, {
      deviceId,
      identity: {
        semanticsIdentifier,
        givenName: 'OK',
        surname: 'TESTNUMBER',
        country: 'EE',
        dateOfBirth: null,
      },
      level: 'QUALIFIED',
      keys: { authentication: material(), signing: material() },
      allowedModulusBits: [2048],
    });
    for (const id of [account.authenticationKeyId, account.signingKeyId]) {
      await keys.update(id, (k) => ({
        key: { ...k, certificate: { serial: '01', der: new Uint8Array([48, 0]) } },
        result: null,
      }));
    }
    return accounts.update(account.documentNumber, (a) => ({ ...a, state: 'active' }));
  };
  return { deps, notified, enrol };
}

const rpChallenge = Buffer.alloc(32, 5).toString('base64');
const request = (interactions: object[]): NotificationAuthenticationRequest => ({
  relyingPartyUUID: SANDBOX_DEMO_RELYING_PARTY.id,
  relyingPartyName: 'DEMO',
  signatureProtocol: 'ACSP_V2',
  signatureProtocolParameters: {
    rpChallenge,
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: 'SHA-256' },
  },
  interactions: Buffer.from(JSON.stringify(interactions)).toString('base64'),
  vcType: 'numeric4',
});
const notify = (interactions: object[] = [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]) =>
  createSession(world.deps, SANDBOX_DEMO_RELYING_PARTY, {
    kind: 'authentication',
    flow: 'notification',
    addressee: { kind: 'etsi', semanticsIdentifier: PERSON },
    request: request(interactions),
  });
const take = (deviceId: string, documentNumber: string, sessionId: string) =>
  acceptNotificationTransaction(world.deps, {
    sessionId,
    deviceId,
    documentNumber,
    userChallenge: 'U'.repeat(43),
    supportedInteractions: [
      'displayTextAndPIN',
      'confirmationMessage',
      'confirmationMessageAndVerificationCodeChoice',
    ],
  });

beforeEach(async () => {
  world = await createWorld();
});

describe('a notification to a person with two devices', () => {
  it('is offered to both (and both are notified); the first to accept takes it, the other no longer sees it', async () => {
    const phone = await world.enrol('phone-0000000000000');
    const tablet = await world.enrol('tablet-000000000000');
    await world.enrol('stranger-00000000000', 'PNOLT-30303039914');
    const session = await notify();
    expect(session.verificationCode).toBe(computeAuthenticationVerificationCode(rpChallenge));
    expect(world.notified).toEqual([['phone-0000000000000', 'tablet-000000000000']]);
    for (const device of ['phone-0000000000000', 'tablet-000000000000']) {
      expect(
        (await listDeviceTransactions(world.deps, { deviceId: device })).sessions.map((s) => s.id),
      ).toEqual([session.id]);
    }
    expect((await listDeviceTransactions(world.deps, { deviceId: 'stranger-00000000000' })).sessions).toEqual(
      [],
    );

    await expect(take('phone-0000000000000', tablet.documentNumber, session.id)).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_USABLE',
    });
    expect(await take('phone-0000000000000', phone.documentNumber, session.id)).toMatchObject({
      outcome: 'TRANSACTION',
    });
    expect((await listDeviceTransactions(world.deps, { deviceId: 'tablet-000000000000' })).sessions).toEqual(
      [],
    );
    expect(
      (await listDeviceTransactions(world.deps, { deviceId: 'phone-0000000000000' })).sessions[0]
        ?.transaction,
    ).not.toBeNull();
    await expect(take('tablet-000000000000', tablet.documentNumber, session.id)).rejects.toMatchObject({
      code: 'SESSION_NOT_OPEN',
    });
  });

  it('ends USER_REFUSED_CERT_CHOICE when a device declines it before anyone took it', async () => {
    await world.enrol('phone-0000000000000');
    const session = await notify();
    await expect(
      refuseTransaction(world.deps, {
        deviceId: 'other-0000000000000',
        sessionId: session.id,
        screen: 'DEVICE_CHOICE',
      }),
    ).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
    const ended = await refuseTransaction(world.deps, {
      deviceId: 'phone-0000000000000',
      sessionId: session.id,
      screen: 'DEVICE_CHOICE',
    });
    expect(ended.result).toEqual({ endResult: 'USER_REFUSED_CERT_CHOICE' });
  });
});

describe('the three-code choice', () => {
  const choice = [{ type: 'confirmationMessageAndVerificationCodeChoice', displayText200: 'Log in?' }];

  it('offers the right code among three, and the right choice lets the PIN follow', async () => {
    const phone = await world.enrol('phone-0000000000000');
    const session = await notify(choice);
    const taken = await take('phone-0000000000000', phone.documentNumber, session.id);
    if (taken.outcome !== 'TRANSACTION') throw new Error(taken.outcome);
    const codes = taken.transaction.verificationCodeChoice!;
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(codes).toContain(session.verificationCode);
    const chosen = await chooseVerificationCode(world.deps, {
      sessionId: session.id,
      deviceId: 'phone-0000000000000',
      verificationCode: session.verificationCode!,
    });
    expect(chosen.transaction?.verificationCodeChosen).toBe(true);
    expect(chosen.state).toBe('RUNNING');
  });

  it('ends WRONG_VC for a wrong code, and refuses a choice from another device', async () => {
    const phone = await world.enrol('phone-0000000000000');
    const session = await notify(choice);
    await take('phone-0000000000000', phone.documentNumber, session.id);
    await expect(
      chooseVerificationCode(world.deps, {
        sessionId: session.id,
        deviceId: 'other-0000000000000',
        verificationCode: '0000',
      }),
    ).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
    const wrong = session.verificationCode === '0000' ? '0001' : '0000';
    const ended = await chooseVerificationCode(world.deps, {
      sessionId: session.id,
      deviceId: 'phone-0000000000000',
      verificationCode: wrong,
    });
    expect(ended.result).toEqual({ endResult: 'WRONG_VC' });
  });
});
