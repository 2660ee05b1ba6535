/**
 * The phone app in Debian's Chromium against `tessera start` on PostgreSQL (sandbox): registration, a QR login
 * through a fake camera, a Web2App login back to the relying party's callback, a notification login with the
 * three-code choice, a Web Push message delivered to the service worker, a watch paired and a login with the
 * PIN entered on the watch (which cannot reach account management), three wrong PINs and the lock,
 * installability and the offline shell. The relying party is
 * the SDK (`@tessera/rp-client`), which verifies every result. Screenshots of each main screen go to
 * `test-output/screenshots/` for a person to look at.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRpClient, type RpClient } from '@tessera/rp-client';
import { decryptPush, newSubscriptionKeys, startFakePushService } from '@tessera/test-support';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeQrVideo } from '../support/fake-camera.js';
import { launchChromium } from '../support/launch-chromium.js';
import { type StartedTessera, startTessera } from '../support/start-tessera.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'tessera-app-e2e-'));
const camera = join(work, 'camera.y4m');
const PIN1 = '4821';
const PIN2 = '48219';

let tessera: StartedTessera;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let rp: RpClient;
let callbackServer: Server;
let callbackBase = '';

/** An Estonian personal code with a valid check digit, born 1990-03-07, unique per run. */
function estonianCode(): string {
  const body = `3900307${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const digits = [...body].map(Number);
  const check = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
  let c = check([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (c === 10) c = check([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10;
  return body + c;
}
const personalCode = estonianCode();
const semanticsIdentifier = `PNOEE-${personalCode}`;

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Types a PIN into the enabled PIN field, as a keyboard user would, and submits it once every digit is in. */
async function enterPin(pin: string, target: Page = page): Promise<void> {
  const field = target.locator('input#pin:not([disabled])');
  await field.focus();
  await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true);
  await target.keyboard.type(pin);
  await expect.poll(() => target.locator('#pin-count').textContent()).toBe(`${pin.length} digits entered`);
  await target.keyboard.press('Enter');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tessera = await startTessera();
  rp = createRpClient({
    baseUrl: tessera.url,
    relyingPartyUUID: '00000000-0000-4000-8000-000000000000',
    relyingPartyName: 'DEMO',
    trustedCertificates: await (await fetch(`${tessera.url}/pki/ca-chain.pem`)).text(),
  });
  callbackServer = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>Example Bank</title><h1>Example Bank: welcome back</h1>');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  callbackBase = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${camera}`,
  ]);
  phone = await browser.newContext({ viewport: { width: 390, height: 780 } });
  await phone.grantPermissions(['camera'], { origin: tessera.url });
  page = await phone.newPage();
}, 180_000);

afterEach(async ({ task }) => {
  // A failed test leaves a picture of where the app was.
  if (task.result?.state === 'fail') await shot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  callbackServer?.closeAllConnections();
  await new Promise((resolve) => callbackServer?.close(resolve));
  await tessera?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the phone app', () => {
  it('is served by tessera start, installable, with the sandbox announced', async () => {
    expect(tessera.banner).toContain(`${tessera.url.replace('127.0.0.1', '127.0.0.1')}`);
    expect(tessera.banner).toMatch(/the app\s+http:\/\/127\.0\.0\.1:\d+\//);
    await page.goto(tessera.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Tessera' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/SANDBOX: test identities only/).isVisible()).toBe(true);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await phone.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // 'in-incognito' is about the test's throw-away browser profile, not the app.
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await shot('01-welcome');
  });

  it('registers an account: PINs chosen twice, guessable ones refused with the reason, never stored', {
    timeout: 90_000,
  }, async () => {
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('Personal identification code').fill(personalCode);
    await page.getByLabel('Given name').fill('Mary');
    await page.getByLabel('Surname').fill('Ann');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1990-03-07');
    await shot('02-registration');
    await page.getByRole('button', { name: 'Next' }).click();

    await enterPin('1234');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/consecutive digits/);
    await enterPin('0703');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/date of birth/);
    await enterPin(PIN1);
    await expect.poll(() => page.getByRole('heading').first().textContent()).toBe('Enter PIN1 again');
    await enterPin(PIN1);
    await expect.poll(() => page.getByRole('heading').first().textContent()).toBe('Choose PIN2, for signing');
    await enterPin('11111');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/repeat/);
    await enterPin(PIN2);
    await enterPin('48210');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/differ/);
    await enterPin(PIN2);
    await enterPin(PIN2);
    await page.getByText('Creating your keys').waitFor();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor({ timeout: 60_000 });
    const card = page.getByTestId('account');
    await expect.poll(() => card.textContent()).toMatch(/MARY ANN.*Qualified.*Valid until.*Ready/);
    await shot('03-home');

    // The PINs are nowhere in the app's storage.
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('tessera');
        open.onsuccess = () => resolve(open.result);
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const r = db.transaction('state').objectStore('state').getAll();
        r.onsuccess = () => resolve(r.result);
      });
      return JSON.stringify(all) + JSON.stringify(localStorage) + JSON.stringify(sessionStorage);
    });
    expect(stored).toContain(personalCode);
    expect(stored).not.toContain(PIN2);
    expect(stored).not.toMatch(new RegExp(`"${PIN1}"`));
  });

  it('logs in by scanning the QR code with the camera', async () => {
    const session = await rp.startDeviceLinkAuthentication({
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
    });
    writeQrVideo(camera, rp.qrCodeLink(session));
    await page.getByRole('button', { name: 'Scan a QR code' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('display-text').textContent()).toBe('Log in to Example Bank?');
    await shot('04-transaction-qr');
    await enterPin(PIN1);
    await expect.poll(() => page.getByTestId('result').textContent()).toBe('You are logged in to DEMO.');
    await shot('05-result-ok');
    const outcome = await rp.awaitOutcome(session, { signal: AbortSignal.timeout(30_000) });
    expect(outcome.endResult).toBe('OK');
    if (outcome.endResult === 'OK') {
      expect(outcome.identity).toMatchObject({
        givenName: 'MARY',
        surname: 'ANN',
        dateOfBirth: '1990-03-07',
      });
    }
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('opens a Web2App link and returns to the relying party with a callback the SDK accepts', async () => {
    const initialCallbackUrl = `${callbackBase}/callback?value=Rk7dQm3xW9yPzA2b`;
    const session = await rp.startDeviceLinkAuthentication({
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
      initialCallbackUrl,
    });
    await page.goto(rp.deviceLink(session, 'Web2App'));
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await enterPin(PIN1);
    await page.waitForURL(`${callbackBase}/callback?**`, { timeout: 20_000 });
    const callbackUrl = page.url();
    expect(new URL(callbackUrl).searchParams.get('value')).toBe('Rk7dQm3xW9yPzA2b');
    const outcome = await rp.awaitOutcome(session, { callbackUrl, signal: AbortSignal.timeout(30_000) });
    expect(outcome.endResult).toBe('OK');
    await expect(
      rp.awaitOutcome(session, {
        callbackUrl: callbackUrl.replace(/userChallengeVerifier=[^&]+/, 'userChallengeVerifier=forged'),
      }),
    ).rejects.toMatchObject({ code: 'CALLBACK_REJECTED' });
  });

  it('shows a fallback page for a link opened in a browser without the app, and for a broken link', async () => {
    const other = await browser.newContext({ viewport: { width: 390, height: 780 } });
    const stranger = await other.newPage();
    const session = await rp.startDeviceLinkAuthentication({
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
      initialCallbackUrl: `${callbackBase}/callback?value=abc`,
    });
    await stranger.goto(rp.deviceLink(session, 'Web2App'));
    await stranger.getByRole('heading', { name: 'Open this link in the Tessera app' }).waitFor();
    await shot('06-link-outside-app', stranger);
    await other.close();

    await page.goto(`${tessera.url}/device-link?deviceLinkType=Web2App&sessionToken=nothing&version=1.0`);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await shot('07-link-invalid');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
  });

  it('answers a notification with the three-code choice; a wrong choice ends the session WRONG_VC', async () => {
    const interactions = [
      {
        type: 'confirmationMessageAndVerificationCodeChoice' as const,
        displayText200: 'Log in to Example Bank?',
      },
    ];
    const wrong = await rp.startNotificationAuthentication({ target: { semanticsIdentifier }, interactions });
    await page.getByRole('group', { name: /Choose the code/ }).waitFor({ timeout: 40_000 });
    await shot('08-code-choice');
    const codes = await page.getByRole('group').getByRole('button').allTextContents();
    expect(codes).toHaveLength(3);
    expect(codes).toContain(wrong.verificationCode);
    await page
      .getByRole('button', { name: codes.find((c) => c !== wrong.verificationCode)!, exact: true })
      .click();
    await expect
      .poll(() => page.getByTestId('result').textContent())
      .toMatch(/not the code the service showed/);
    expect((await rp.awaitOutcome(wrong)).endResult).toBe('WRONG_VC');
    await page.getByRole('button', { name: 'Close' }).click();

    const right = await rp.startNotificationAuthentication({ target: { semanticsIdentifier }, interactions });
    await page.getByRole('group', { name: /Choose the code/ }).waitFor({ timeout: 40_000 });
    await page.getByRole('button', { name: right.verificationCode, exact: true }).click();
    await enterPin(PIN1);
    await expect.poll(() => page.getByTestId('result').textContent()).toBe('You are logged in to DEMO.');
    expect((await rp.awaitOutcome(right)).endResult).toBe('OK');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('finds a request with the manual refresh (tap the logo), and cancelling it tells the relying party', async () => {
    // Away from the home screen the app does not long-poll: only the refresh brings the request.
    await page.getByTestId('account').click();
    await page.getByRole('heading', { name: 'MARY ANN' }).waitFor();
    const session = await rp.startNotificationAuthentication({
      target: { semanticsIdentifier },
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
    });
    await page.getByRole('button', { name: 'Tap the logo to look for requests' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('verification-code').textContent()).toBe(session.verificationCode);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('result').textContent()).toMatch(/cancelled the request/);
    expect(await rp.awaitOutcome(session)).toMatchObject({
      endResult: 'USER_REFUSED_INTERACTION',
      interaction: 'displayTextAndPIN',
    });
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps working offline from its shell', async () => {
    await phone.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/server cannot be reached/);
    await phone.setOffline(false);
    await page.reload();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
  });

  it('turns on notifications: a push from the server reaches the service worker, which brings the request', async () => {
    const pushService = await startFakePushService();
    try {
      // Chromium's own push service cannot be reached from a test machine: the browser's subscribe hands out a
      // subscription to this test's push service, with keys only the test holds. Everything after it is real:
      // the registration with the server, the server's encryption and VAPID signature, the service worker.
      const subscriber = newSubscriptionKeys();
      await phone.grantPermissions(['notifications'], { origin: tessera.url });
      await page.addInitScript(
        ({ endpoint, keys }) => {
          const subscription = {
            endpoint,
            expirationTime: null,
            toJSON: () => ({ endpoint, expirationTime: null, keys }),
            unsubscribe: async () => {
              localStorage.removeItem('test-push-subscription');
              return true;
            },
          };
          PushManager.prototype.subscribe = async () => {
            localStorage.setItem('test-push-subscription', 'yes');
            return subscription as unknown as PushSubscription;
          };
          PushManager.prototype.getSubscription = async () =>
            (localStorage.getItem('test-push-subscription') === null
              ? null
              : subscription) as unknown as PushSubscription;
        },
        { endpoint: `${pushService.origin}/push/phone`, keys: subscriber.keys },
      );
      await page.reload();
      await page.getByRole('button', { name: 'Turn on notifications' }).click();
      await expect
        .poll(() => page.getByTestId('notifications').textContent())
        .toMatch(/Notifications are on/);
      await shot('13-notifications-on');

      // Away from the home screen the app does not long-poll: the request can only come by the push.
      await page.getByTestId('account').click();
      await page.getByRole('heading', { name: 'MARY ANN' }).waitFor();
      const session = await rp.startNotificationAuthentication({
        target: { semanticsIdentifier },
        interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
      });
      await expect.poll(() => pushService.received.length, { timeout: 10_000 }).toBe(1);
      const payload = decryptPush(pushService.received[0]!.body, subscriber);
      expect(JSON.parse(payload)).toEqual({ type: 'transactions-pending' });

      const cdp = await phone.newCDPSession(page);
      const registrationId = new Promise<string>((resolve) => {
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
          const ours = registrations.find((r) => r.scopeURL === `${tessera.url}/` && !r.isDeleted);
          if (ours !== undefined) resolve(ours.registrationId);
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: tessera.url,
        registrationId: await registrationId,
        data: payload,
      });
      await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('verification-code').textContent()).toBe(session.verificationCode);
      const shown = await page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`),
      );
      expect(shown).toEqual(['Tessera: A request is waiting for you. Open Tessera.']);
      await enterPin(PIN1);
      await expect.poll(() => page.getByTestId('result').textContent()).toBe('You are logged in to DEMO.');
      expect((await rp.awaitOutcome(session)).endResult).toBe('OK');
      await page.getByRole('button', { name: 'Close' }).click();
    } finally {
      await pushService.close();
    }
  });

  it('pairs a watch by code and check code; a login is completed with the PIN entered on the watch', {
    timeout: 90_000,
  }, async () => {
    const wrist = await browser.newContext({ viewport: { width: 200, height: 240 } });
    const watch = await wrist.newPage();
    try {
      await watch.goto(`${tessera.url}/watch`);
      await page.getByRole('button', { name: 'Pair a watch' }).click();
      const code = (await page.getByTestId('pairing-code').textContent())!;
      expect(code).toMatch(/^[0-9]{8}$/);
      await shot('14-phone-pairing-code');
      await watch.getByLabel('Code from the phone').fill(code);
      await watch.getByRole('button', { name: 'Pair', exact: true }).click();
      const sas = (await watch.getByTestId('sas').textContent())!;
      await expect.poll(() => page.getByTestId('sas').textContent()).toBe(sas);
      await shot('15-watch-check-code', watch);
      await shot('16-phone-check-code');
      await watch.getByRole('button', { name: 'Yes' }).click();
      await page.getByRole('button', { name: 'The codes match' }).click();
      await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
      await expect.poll(() => page.getByTestId('watch').textContent()).toMatch(/Your watch is paired/);
      await watch.getByText('No requests.').waitFor();

      const session = await rp.startNotificationAuthentication({
        target: { semanticsIdentifier },
        interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
      });
      await watch.getByRole('button', { name: 'DEMO asks you to log in' }).click({ timeout: 20_000 });
      // While the request waits on the watch, the phone does not ask the server again and again: its home
      // screen's poll is held until what is pending changes, its service of the watch waits between asks
      // (looping, it asked some 70 times).
      let phoneAsked = 0;
      const countAsks = (request: Request) => {
        if (new URL(request.url()).pathname === '/app/v1/transactions') phoneAsked += 1;
      };
      page.on('request', countAsks);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      page.off('request', countAsks);
      expect(phoneAsked).toBeLessThanOrEqual(4);
      await expect
        .poll(() => watch.getByTestId('verification-code').textContent(), { timeout: 20_000 })
        .toBe(session.verificationCode);
      await shot('17-watch-transaction', watch);
      await enterPin(PIN1, watch);
      await expect
        .poll(() => watch.getByTestId('result').textContent(), { timeout: 20_000 })
        .toBe('You are logged in to DEMO.');
      await shot('18-watch-result', watch);
      expect((await rp.awaitOutcome(session)).endResult).toBe('OK');
      // The phone no longer lists a request answered on the watch.
      await expect.poll(() => page.getByRole('button', { name: /asks you/ }).count()).toBe(0);
      await watch.getByRole('button', { name: 'Close' }).click();

      // A locked watch receives nothing: the request stays on the phone alone.
      await watch.getByRole('button', { name: 'Lock' }).click();
      await watch.getByText('Locked. Requests go to the phone.').waitFor();
      const whileLocked = await rp.startNotificationAuthentication({
        target: { semanticsIdentifier },
        interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
      });
      // The phone lists it (with a watch paired, requests are not opened on the phone by themselves).
      await page.getByRole('button', { name: 'DEMO asks you to log in' }).click({ timeout: 20_000 });
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await watch.getByRole('button', { name: /asks you/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect((await rp.awaitOutcome(whileLocked)).endResult).toBe('USER_REFUSED_INTERACTION');
      await page.getByRole('button', { name: 'Close' }).click();
      await watch.getByRole('button', { name: 'Unlock' }).click();
      await watch.getByText('No requests.').waitFor();

      // The watch has no account management: the phone's pages refuse it.
      await watch.goto(tessera.url);
      await watch.getByText('This is a watch. Accounts and settings are on the phone.').waitFor();
      expect(await watch.getByRole('button', { name: 'Add an account' }).count()).toBe(0);
      expect(await watch.getByTestId('account').count()).toBe(0);
      await shot('19-watch-phone-only', watch);

      // Unpairing on the watch ends the pairing on the phone too.
      await watch.getByRole('link', { name: 'Back to the watch' }).click();
      await watch.getByRole('button', { name: 'Unpair' }).click();
      await watch.getByText('Unpaired from the phone.').waitFor();
      await page.getByRole('button', { name: 'Pair a watch' }).waitFor({ timeout: 20_000 });
    } finally {
      await wrist.close();
    }
  });

  it('tells the attempts left after a wrong PIN, and the lock with its end after the third', {
    timeout: 60_000,
  }, async () => {
    const session = await rp.startNotificationAuthentication({
      target: { semanticsIdentifier },
      interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to Example Bank?' }],
    });
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 40_000 });
    await enterPin('9999');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Wrong PIN1. 2 attempts left before it locks.');
    await shot('09-wrong-pin');
    await enterPin('9998');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Wrong PIN1. 1 attempt left before it locks.');
    await enterPin('9997');
    await expect
      .poll(() => page.getByTestId('result').textContent())
      .toMatch(/^PIN1 is locked for 3 h 0 min, until .+, after too many wrong entries\.$/);
    await shot('10-locked');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => page.getByTestId('lock').textContent())
      .toMatch(/^PIN1 is locked for (3 h 0|2 h 59) min/);
    await shot('11-home-locked');
    await rp.awaitOutcome(session, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
  });

  it('lays out from watch to tablet widths', async () => {
    for (const [name, width] of [
      ['watch', 200],
      ['tablet', 820],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(`12-home-${name}`);
    }
    await page.setViewportSize({ width: 390, height: 780 });
  });
});
