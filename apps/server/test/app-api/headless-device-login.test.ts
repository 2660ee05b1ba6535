/**
 * End to end over real HTTP: a device (the same @tessera/device code the app runs) enrols a sandbox identity
 * against a listening identity server, then logs in to the demo relying party by QR and by Web2App, gets a
 * wrong PIN counted up to the 3-hour lock, and a clone of its state is caught. On the embedded PGlite and on
 * PostgreSQL: the same migrations, the same behaviour.
 */
import { X509Certificate } from 'node:crypto';
import type { ModExp } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import {
  confirmTransaction,
  createMemoryVault,
  type DeviceContext,
  deleteAccount,
  enrolIdentity,
  fetchAccountStates,
  listAccounts,
  takeTransaction,
} from '@tessera/device';
import {
  computeSessionSecretDigest,
  readCallbackParameters,
  verifyCallbackParameters,
} from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import {
  interactionsOf,
  pollSession,
  startDeviceLinkAuthentication,
  verifyAuthentication,
} from '../support/relying-party.js';

const PIN1 = '4821';
const PIN2 = '73920';
let server: TestIdentityServer;

async function enrol(device: DeviceContext, semanticsIdentifier: string) {
  return enrolIdentity(device, {
    identity: {
      semanticsIdentifier,
      givenName: 'MARY ÄNN',
      surname: "O'CONNEŽ-ŠUSLIK TESTNUMBER",
      dateOfBirth: '1990-03-03',
      country: semanticsIdentifier.slice(3, 5),
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: PIN2,
    profile: 'test-2048',
  });
}

describe.each(['pglite', 'postgresql'] as const)('on %s', (backend) => {
  beforeAll(async () => {
    server = await startTestIdentityServer({}, backend);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  describe('a headless device against the identity server', () => {
    let device: DeviceContext;
    let documentNumber: string;

    beforeAll(async () => {
      device = headlessDevice(server);
      documentNumber = (await enrol(device, 'PNOEE-30303039914')).documentNumber;
    }, 60_000);

    it('enrols an active account with both certificates and shows both keys open', async () => {
      expect(documentNumber).toMatch(/^PNOEE-30303039914-[A-Z2-9]{4}-Q$/);
      const [account] = await listAccounts(device);
      expect(account?.keys.map((k) => k.keyId)).toEqual([
        `${documentNumber}/authentication`,
        `${documentNumber}/signing`,
      ]);
      const [state] = await fetchAccountStates(device);
      expect(state?.keys.map((k) => k.lock)).toEqual([
        { state: 'OPEN', lockedUntil: null, attemptsLeft: 3 },
        { state: 'OPEN', lockedUntil: null, attemptsLeft: 3 },
      ]);
      expect(JSON.stringify(await device.vault.load())).not.toContain(PIN1);
    });

    it('logs in by QR: the RP gets an ACSP_V2 signature that verifies with the account certificate', async () => {
      const session = await startDeviceLinkAuthentication(server.url);
      expect((await pollSession(server.url, session.sessionID)).state).toBe('RUNNING');
      const taken = await takeTransaction(device, { deviceLink: session.link('QR', 1) });
      expect(taken.view).toMatchObject({
        documentNumber,
        rpName: 'DEMO',
        interaction: { type: 'displayTextAndPIN', displayText: 'Log in to DEMO?' },
        verificationCode: null,
      });
      const answer = await confirmTransaction(device, { view: taken.view!, pin: PIN1 });
      expect(answer).toMatchObject({ result: 'OK' });
      expect(answer.callbackUrl).toBeUndefined();
      const status = await pollSession(server.url, session.sessionID);
      const certificate = verifyAuthentication(status, session);
      expect(certificate.subject).toContain('PNOEE-30303039914');
      expect(status).toMatchObject({ result: { documentNumber }, signature: { flowType: 'QR' } });
    });

    it.each([
      ['rsassa-pss', 'SHA-256'],
      ['rsassa-pss', 'SHA-384'],
      ['rsassa-pss', 'SHA-512'],
      ['rsassa-pss', 'SHA3-256'],
      ['rsassa-pss', 'SHA3-384'],
      ['rsassa-pss', 'SHA3-512'],
      ['sha256WithRSAEncryption', undefined],
      ['sha384WithRSAEncryption', undefined],
      ['sha512WithRSAEncryption', undefined],
    ] as const)(
      'signs ACSP_V2 with %s %s through the two-party protocol',
      async (signatureAlgorithm, hash) => {
        const session = await startDeviceLinkAuthentication(server.url, {
          signatureAlgorithm,
          ...(hash === undefined ? {} : { hash }),
        });
        const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
        expect(await confirmTransaction(device, { view: view!, pin: PIN1 })).toMatchObject({ result: 'OK' });
        const status = await pollSession(server.url, session.sessionID);
        verifyAuthentication(status, session);
        expect(status).toMatchObject({ signature: { signatureAlgorithm } });
      },
    );

    it('enrols and logs in the same with the device share exponentiated by OpenSSL instead of BigInt', async () => {
      const openssl = createOpensslModExp({ maxCachedContexts: 0 });
      let bound = 0;
      const counted: ModExp = {
        name: openssl.name,
        bind: (modulus, exponent) => {
          bound += 1;
          return openssl.bind(modulus, exponent);
        },
      };
      const other = { ...headlessDevice(server), modExp: counted };
      const number = (await enrol(other, 'PNOEE-30303039925')).documentNumber;
      // Each key's certification request: the device's share and the server's, before the server's is sent.
      expect(bound).toBe(4);
      const session = await startDeviceLinkAuthentication(server.url);
      const { view } = await takeTransaction(other, { deviceLink: session.link('QR') });
      expect(await confirmTransaction(other, { view: view!, pin: PIN1 })).toMatchObject({ result: 'OK' });
      expect(bound).toBe(5);
      const status = await pollSession(server.url, session.sessionID);
      expect(verifyAuthentication(status, session).subject).toContain('PNOEE-30303039925');
      expect(status).toMatchObject({ result: { documentNumber: number } });
    });

    it("reports the device's address and the unknown request properties to an RP that asked", async () => {
      const session = await startDeviceLinkAuthentication(server.url, {
        requestProperties: { shareMdClientIpAddress: true, futureProperty: 1 },
      });
      const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
      await confirmTransaction(device, { view: view!, pin: PIN1 });
      expect(await pollSession(server.url, session.sessionID)).toMatchObject({
        deviceIpAddress: '127.0.0.1',
        ignoredProperties: ['futureProperty'],
      });
    });

    it("signs a broker's name into the authCode and ACSP_V2 as brokeredRpName", async () => {
      const broker = {
        id: '5c6b2a4e-8c1d-4e2f-9a3b-7d6e5f4a3b2c',
        names: ['Shop via Broker'],
        allowedSources: ['*'],
        permissions: { advancedAccounts: false, shareDeviceIpAddress: false },
        brokerName: 'Example Broker',
      };
      await server.store.relyingParties.put(broker);
      const rp = { relyingPartyUUID: broker.id, relyingPartyName: 'Shop via Broker' };
      // The broker's link carries its name in the authCode: without it the link does not verify.
      const unnamed = await startDeviceLinkAuthentication(server.url, { rp });
      await expect(takeTransaction(device, { deviceLink: unnamed.link('QR') })).rejects.toMatchObject({
        problemCode: 'AUTH_CODE_MISMATCH',
      });
      const session = await startDeviceLinkAuthentication(server.url, {
        rp: { ...rp, brokeredRpName: 'Example Broker' },
      });
      const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
      expect(view?.signedContent).toMatchObject({ fields: { brokeredRpName: 'Example Broker' } });
      await confirmTransaction(device, { view: view!, pin: PIN1 });
      verifyAuthentication(await pollSession(server.url, session.sessionID), session, {
        relyingPartyName: rp.relyingPartyName,
        brokeredRpName: 'Example Broker',
      });
    });

    it('uses the first interaction the app supports, in the order the RP gave', async () => {
      const session = await startDeviceLinkAuthentication(server.url, {
        interactions: interactionsOf([
          { type: 'confirmationMessage', displayText200: 'Log in to DEMO with a long confirmation message?' },
          { type: 'displayTextAndPIN', displayText60: 'Log in to DEMO?' },
        ]),
      });
      const { view } = await takeTransaction(
        device,
        { deviceLink: session.link('QR') },
        { supportedInteractions: ['displayTextAndPIN'] },
      );
      expect(view?.interaction).toEqual({ type: 'displayTextAndPIN', displayText: 'Log in to DEMO?' });
      await confirmTransaction(device, { view: view!, pin: PIN1 });
      const status = await pollSession(server.url, session.sessionID);
      verifyAuthentication(status, session);
      expect(status).toMatchObject({ interactionTypeUsed: 'displayTextAndPIN' });
    });

    it.each([
      ['Web2App', 'https://rp.example.com/callback?value=RrKjjT4aggzu27YBddX1bQ', 'SHA3-256'],
      ['App2App', 'https://rp.example.com/app-callback', 'SHA-384'],
    ] as const)(
      'logs in by %s and opens the callback URL the RP can verify',
      async (type, initialCallbackUrl, hash) => {
        const session = await startDeviceLinkAuthentication(server.url, { initialCallbackUrl, hash });
        const taken = await takeTransaction(device, { deviceLink: session.link(type) });
        const answer = await confirmTransaction(device, {
          view: taken.view!,
          pin: PIN1,
          userChallengeVerifier: taken.userChallengeVerifier,
        });
        expect(answer.result).toBe('OK');
        const status = await pollSession(server.url, session.sessionID);
        verifyAuthentication(status, session);
        const callback = readCallbackParameters(answer.callbackUrl!);
        expect(callback.sessionSecretDigest).toBe(computeSessionSecretDigest(session.sessionSecret));
        const join = initialCallbackUrl.includes('?') ? '&' : '?';
        expect(answer.callbackUrl?.startsWith(`${initialCallbackUrl}${join}sessionSecretDigest=`)).toBe(true);
        expect(status).toMatchObject({ signature: { flowType: type } });
        verifyCallbackParameters(callback, {
          sessionSecret: session.sessionSecret,
          userChallenge: (status as unknown as { signature: { userChallenge: string } }).signature
            .userChallenge,
        });
      },
    );

    it('refuses a QR link whose elapsedSeconds is far from the time since the session started', async () => {
      const session = await startDeviceLinkAuthentication(server.url);
      await expect(takeTransaction(device, { deviceLink: session.link('QR', 600) })).rejects.toMatchObject({
        status: 400,
        problemCode: 'DEVICE_LINK_NOT_FRESH',
      });
    });

    it('refuses a link whose authCode does not match the session secret', async () => {
      const session = await startDeviceLinkAuthentication(server.url);
      const link = session.link('QR').replace(/authCode=[^&]+/, `authCode=${'A'.repeat(43)}`);
      await expect(takeTransaction(device, { deviceLink: link })).rejects.toMatchObject({
        status: 400,
        problemCode: 'AUTH_CODE_MISMATCH',
      });
    });

    it('ends the session REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP when the app shows none of the interactions', async () => {
      const session = await startDeviceLinkAuthentication(server.url);
      const taken = await takeTransaction(
        device,
        { deviceLink: session.link('QR') },
        { supportedInteractions: ['confirmationMessage'] },
      );
      expect(taken.view).toBeNull();
      const status = await pollSession(server.url, session.sessionID);
      expect(status).toMatchObject({
        state: 'COMPLETE',
        result: { endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' },
      });
    });

    it('refuses a link opened a second time: the session is taken', async () => {
      const session = await startDeviceLinkAuthentication(server.url);
      await takeTransaction(device, { deviceLink: session.link('QR') });
      await expect(takeTransaction(device, { deviceLink: session.link('QR') })).rejects.toMatchObject({
        code: 'SERVER_ERROR',
        status: 409,
      });
    });
  });

  describe('the PIN lock and clone detection', () => {
    it('locks PIN1 for 3 hours after three wrong PINs and refuses the right PIN until then', async () => {
      const device = headlessDevice(server);
      await enrol(device, 'PNOLV-030403-10016');
      const attempt = async (pin: string) => {
        const session = await startDeviceLinkAuthentication(server.url);
        const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
        return confirmTransaction(device, { view: view!, pin });
      };
      expect(await attempt('0000')).toMatchObject({ result: 'WRONG_PIN', attemptsLeft: 2 });
      expect(await attempt('0000')).toMatchObject({ result: 'WRONG_PIN', attemptsLeft: 1 });
      const third = await attempt('0000');
      expect(third.result).toBe('WRONG_PIN');
      const lockedUntil = Date.parse((third as { lockedUntil: string }).lockedUntil);
      expect(lockedUntil - server.clock.now().getTime()).toBe(3 * 3600_000);
      expect(await attempt(PIN1)).toEqual({
        result: 'LOCKED',
        lockedUntil: new Date(lockedUntil).toISOString(),
        permanent: false,
      });
      const [state] = await fetchAccountStates(device);
      expect(state).toMatchObject({ state: 'LOCKED', lockedUntil: new Date(lockedUntil).toISOString() });
      expect(state?.keys[0]?.lock).toMatchObject({
        state: 'LOCKED',
        lockedUntil: new Date(lockedUntil).toISOString(),
      });
      expect(state?.keys[1]?.lock.state).toBe('OPEN');

      server.clock.set(new Date(lockedUntil + 1000));
      try {
        expect(await attempt(PIN1)).toMatchObject({ result: 'OK' });
      } finally {
        server.clock.set(new Date());
      }
    }, 60_000);

    it('locks PIN1 for good after nine wrong PINs: the session ends ACCOUNT_UNUSABLE, the certificate is revoked', async () => {
      const device = headlessDevice(server);
      const account = await enrol(device, 'PNOLT-30403039917');
      const attempt = async (pin: string) => {
        const session = await startDeviceLinkAuthentication(server.url);
        const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
        return { answer: await confirmTransaction(device, { view: view!, pin }), session };
      };
      const start = server.clock.now().getTime();
      try {
        for (let i = 1; i <= 9; i++) {
          const { answer, session } = await attempt('0000');
          expect(answer).toMatchObject({ result: 'WRONG_PIN' });
          const lockedUntil = (answer as { lockedUntil?: string }).lockedUntil;
          if (i === 9) {
            expect(answer).toMatchObject({ attemptsLeft: 0 });
            expect(await pollSession(server.url, session.sessionID)).toMatchObject({
              result: { endResult: 'ACCOUNT_UNUSABLE' },
            });
          } else if (lockedUntil !== undefined) {
            // The 3-hour and the 24-hour lock: wait them out.
            expect(Date.parse(lockedUntil) - server.clock.now().getTime()).toBe(
              i === 3 ? 3 * 3600_000 : 24 * 3600_000,
            );
            server.clock.set(new Date(Date.parse(lockedUntil) + 1000));
          }
        }
        expect((await attempt(PIN1)).answer).toEqual({
          result: 'LOCKED',
          lockedUntil: null,
          permanent: true,
        });
        const [state] = await fetchAccountStates(device);
        expect(state).toMatchObject({ state: 'PERMANENTLY_LOCKED', lockedUntil: null });
        const serial = new X509Certificate(Buffer.from(account.keys[0]!.certificate, 'base64url'))
          .serialNumber;
        expect((await server.ca.lookup(serial))?.revocation).toBeDefined();
      } finally {
        server.clock.set(new Date(start));
      }
    }, 60_000);

    it('deletes an account: gone from the list, its links refused, both certificates revoked', async () => {
      const device = headlessDevice(server);
      const account = await enrol(device, 'PNOBE-00010299944');
      const before = headlessDevice(server, { vault: createMemoryVault(await device.vault.load()) });
      await deleteAccount(device, account.documentNumber);
      expect(await fetchAccountStates(device)).toEqual([]);
      expect(await listAccounts(device)).toEqual([]);
      for (const key of account.keys) {
        const serial = new X509Certificate(Buffer.from(key.certificate, 'base64url')).serialNumber;
        expect((await server.ca.lookup(serial))?.revocation).toMatchObject({
          reason: 'cessationOfOperation',
        });
      }
      // A copy of the device state from before the deletion still names the account: the server refuses it.
      const session = await startDeviceLinkAuthentication(server.url);
      await expect(takeTransaction(before, { deviceLink: session.link('QR') })).rejects.toMatchObject({
        status: 409,
        problemCode: 'ACCOUNT_NOT_USABLE',
      });
    }, 60_000);

    it('cannot complete a transaction once the account is deleted, whatever the PIN', async () => {
      const device = headlessDevice(server);
      const account = await enrol(device, 'PNOBE-05040400032');
      const session = await startDeviceLinkAuthentication(server.url);
      const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
      const before = headlessDevice(server, { vault: createMemoryVault(await device.vault.load()) });
      await deleteAccount(device, account.documentNumber);
      await expect(confirmTransaction(before, { view: view!, pin: PIN1 })).rejects.toMatchObject({
        status: 409,
        problemCode: 'ACCOUNT_NOT_USABLE',
      });
      expect((await pollSession(server.url, session.sessionID)).state).toBe('RUNNING');
    }, 60_000);

    it('detects a clone of the device state: the copy that signs second is refused for good', async () => {
      const vault = createMemoryVault();
      const original = headlessDevice(server, { vault });
      await enrol(original, 'PNOLT-30303039914');
      const copy = headlessDevice(server, { vault: createMemoryVault(await vault.load()) });

      const first = await startDeviceLinkAuthentication(server.url);
      const { view } = await takeTransaction(original, { deviceLink: first.link('QR') });
      expect(await confirmTransaction(original, { view: view!, pin: PIN1 })).toMatchObject({ result: 'OK' });

      const second = await startDeviceLinkAuthentication(server.url);
      const taken = await takeTransaction(copy, { deviceLink: second.link('QR') });
      expect(await confirmTransaction(copy, { view: taken.view!, pin: PIN1 })).toEqual({
        result: 'CLONE_DETECTED',
      });
      expect(await pollSession(server.url, second.sessionID)).toMatchObject({
        result: { endResult: 'ACCOUNT_UNUSABLE' },
      });
    }, 60_000);
  });
});
