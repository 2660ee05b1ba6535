/**
 * A device whose answer to a signature is lost (the server process died after committing it, the connection
 * broke) sends the same request again. While the session runs it gets the recorded answer; after the session
 * ended it still does, so it learns its next clone token and its next login is not taken for a clone.
 */
import { confirmTransaction, type DeviceContext, enrolIdentity, takeTransaction } from '@tessera/device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { pollSession, startDeviceLinkAuthentication } from '../support/relying-party.js';

const PIN1 = '5036';
let server: TestIdentityServer;
let device: DeviceContext;
/** When set, the next signature submission reaches the server but its answer is thrown away. */
let loseNextAnswer = false;

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server, {
    async fetch(url, init) {
      const response = await fetch(url, init);
      if (loseNextAnswer && url.endsWith('/signature')) {
        loseNextAnswer = false;
        await response.body?.cancel();
        throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    },
  });
  await enrolIdentity(device, {
    identity: {
      semanticsIdentifier: 'PNOEE-39912319997',
      givenName: 'JAAN',
      surname: 'TAMM',
      dateOfBirth: '1999-12-31',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: '40517',
    profile: 'test-2048',
  });
}, 60_000);

afterAll(async () => server?.close());

async function loginWithLostAnswer() {
  const session = await startDeviceLinkAuthentication(server.url);
  const { view } = await takeTransaction(device, { deviceLink: session.link('QR') });
  loseNextAnswer = true;
  await expect(confirmTransaction(device, { view: view!, pin: PIN1 })).rejects.toThrow();
  const status = await pollSession(server.url, session.sessionID);
  expect(status).toMatchObject({ state: 'COMPLETE', result: { endResult: 'OK' } });
  return view!;
}

describe('a lost answer to a signature', () => {
  it('is given again to the identical request after the session completed, and the next login works', async () => {
    const view = await loginWithLostAnswer();
    expect(await confirmTransaction(device, { view, pin: PIN1 })).toMatchObject({ result: 'OK' });
    const next = await startDeviceLinkAuthentication(server.url);
    const taken = await takeTransaction(device, { deviceLink: next.link('QR') });
    expect(await confirmTransaction(device, { view: taken.view!, pin: PIN1 })).toMatchObject({
      result: 'OK',
    });
    expect(await pollSession(server.url, next.sessionID)).toMatchObject({ result: { endResult: 'OK' } });
  });

  it('is not given to a different request for the ended session: that one is EXPIRED', async () => {
    const view = await loginWithLostAnswer();
    // The request is sent again (the answer learnt), then a fresh attempt at the ended session is refused.
    expect(await confirmTransaction(device, { view, pin: PIN1 })).toMatchObject({ result: 'OK' });
    expect(await confirmTransaction(device, { view, pin: PIN1 })).toEqual({ result: 'EXPIRED' });
  });
});
