/**
 * `tessera device …` against a real identity server started in-process on a free loopback port: enrol, list
 * accounts, open a device link given as a URL or as a PNG of the QR code, answer with a PIN or refuse, and the
 * plain sentences for what cannot be done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import {
  buildDeviceLink,
  computeAuthenticationVerificationCode,
  DEFAULT_SCHEME_NAME,
} from '@tessera/protocol';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../src/commands/start.js';
import { runCli } from '../src/main.js';
import { capturedIo } from './support/captured-io.js';
import { startAnonymousLogin } from './support/start-anonymous-login.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-device-server-'));
const deviceDir = mkdtempSync(join(tmpdir(), 'tessera-device-'));
const env = { NODE_ENV: 'development', TESSERA_DATA_DIR: dataDir, TESSERA_PORT: '0' };
let server: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  server = await start(capturedIo(env));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(deviceDir, { recursive: true, force: true });
});

async function device(...args: string[]) {
  const io = capturedIo(env);
  const code = await runCli(['device', ...args, '--dir', deviceDir], io);
  return { code, out: io.out, err: io.err };
}

const interactions = Buffer.from(
  JSON.stringify([{ type: 'confirmationMessage', displayText200: 'Log in to the example shop?' }]),
).toString('base64');

/** A relying party's QR link for a new anonymous authentication session. */
async function newLoginLink(): Promise<{ link: string; sessionID: string }> {
  const rpChallenge = Buffer.from(systemRandom(32)).toString('base64');
  const res = await startAnonymousLogin(server.url, rpChallenge, {
    signatureAlgorithm: { signatureAlgorithm: 'sha256WithRSAEncryption' },
    interactions,
  });
  const { sessionID, sessionToken, sessionSecret, deviceLinkBase } = (await res.json()) as Record<
    string,
    string
  >;
  const link = buildDeviceLink(
    {
      deviceLinkBase: deviceLinkBase!,
      sessionToken: sessionToken!,
      sessionType: 'auth',
      lang: 'eng',
      deviceLinkType: 'QR',
      elapsedSeconds: 0,
    },
    {
      sessionType: 'auth',
      schemeName: DEFAULT_SCHEME_NAME,
      relyingPartyName: 'DEMO',
      rpChallenge,
      interactions,
    },
    sessionSecret!,
  );
  return { link, sessionID: sessionID! };
}

/** A notification login with the three-code choice for the enrolled account; the code the RP shows. */
async function newNotificationLogin(documentNumber: string): Promise<{ sessionID: string; code: string }> {
  const rpChallenge = Buffer.from(systemRandom(32)).toString('base64');
  const res = await fetch(`${server.url}/v3/authentication/notification/document/${documentNumber}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      relyingPartyUUID: '00000000-0000-4000-8000-000000000000',
      relyingPartyName: 'DEMO',
      signatureProtocol: 'ACSP_V2',
      signatureProtocolParameters: { rpChallenge, signatureAlgorithm: 'sha512WithRSAEncryption' },
      interactions: Buffer.from(
        JSON.stringify([
          {
            type: 'confirmationMessageAndVerificationCodeChoice',
            displayText200: 'Log in to the example shop?',
          },
        ]),
      ).toString('base64'),
      vcType: 'numeric4',
    }),
  });
  const { sessionID } = (await res.json()) as { sessionID: string };
  return { sessionID, code: computeAuthenticationVerificationCode(rpChallenge) };
}

async function endResult(sessionID: string): Promise<string> {
  const res = await fetch(`${server.url}/v3/session/${sessionID}?timeoutMs=1000`);
  return ((await res.json()) as { result?: { endResult: string } }).result?.endResult ?? 'RUNNING';
}

describe('tessera device', () => {
  it('says plainly that a device must enrol first', async () => {
    const result = await device('accounts', '--server', server.url);
    expect(result.code).toBe(1);
    expect(result.err).toBe('tessera: This device is not enrolled. (NOT_ENROLLED)\n');
  });

  it('enrols a declared identity and lists the account with both PINs open', async () => {
    const enrolled = await device(
      'enrol',
      '--server',
      server.url,
      '--identity',
      'PNOEE-30303039914',
      '--given-name',
      'OK',
      '--surname',
      'TESTNUMBER',
      '--date-of-birth',
      '1903-03-03',
      '--pin1',
      '1357',
      '--pin2',
      '24680',
      '--key-bits',
      '2048',
    );
    expect(enrolled.err).toBe('');
    expect(enrolled.out).toMatch(/^Generating .*\nEnrolled PNOEE-30303039914-[A-Z2-9]{4}-Q\.\n$/);
    const accounts = await device('accounts');
    expect(accounts.out).toMatch(/PNOEE-30303039914-....-Q {2}OK TESTNUMBER {2}QUALIFIED/);
    expect(accounts.out).toContain('  PIN1: open, 3 attempt(s) before a lock\n  PIN2: open');
  }, 60_000);

  it('logs in from the link URL, and from a PNG of the QR code', async () => {
    const first = await newLoginLink();
    const byUrl = await device('open', first.link, '--pin', '1357');
    expect(byUrl.out).toContain('DEMO asks PNOEE-30303039914-');
    expect(byUrl.out).toContain('"Log in to the example shop?"');
    expect(byUrl.out).toMatch(/Confirmed\.\n$/);
    expect(byUrl.code).toBe(0);
    expect(await endResult(first.sessionID)).toBe('OK');

    const second = await newLoginLink();
    const png = join(deviceDir, 'qr.png');
    await QRCode.toFile(png, second.link, { type: 'png', width: 400 });
    const byPng = await device('open', png, '--pin', '1357');
    expect(byPng.code).toBe(0);
    expect(await endResult(second.sessionID)).toBe('OK');
  });

  it('reports a wrong PIN with the attempts left and exits 1', async () => {
    const { link } = await newLoginLink();
    const result = await device('open', link, '--pin', '0000');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Wrong PIN1: 2 attempt\(s\) left before the next lock\.\n$/);
  });

  it('refuses on the confirmation screen: the RP sees USER_REFUSED_INTERACTION', async () => {
    const { link, sessionID } = await newLoginLink();
    const result = await device('open', link, '--refuse', 'confirmationmessage');
    expect(result.out).toMatch(/Refused on the CONFIRMATIONMESSAGE screen\.\n$/);
    expect(await endResult(sessionID)).toBe('USER_REFUSED_INTERACTION');
  });

  it('waits for a notification, chooses the code the RP shows, and confirms; a wrong code ends WRONG_VC', async () => {
    const documentNumber = /^(PNOEE-\S+)/m.exec((await device('accounts')).out)![1]!;
    const login = await newNotificationLogin(documentNumber);
    const result = await device('wait', '--timeout-s', '20', '--pin', '1357', '--code', login.code);
    expect(result.out).toMatch(/choose the code shown by DEMO: \d{4} {2}\d{4} {2}\d{4}/);
    expect(result.out).toMatch(/Confirmed\.\n$/);
    expect(await endResult(login.sessionID)).toBe('OK');

    const second = await newNotificationLogin(documentNumber);
    const wrong = second.code === '0000' ? '0001' : '0000';
    const refused = await device('wait', '--timeout-s', '20', '--pin', '1357', '--code', wrong);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Wrong verification code: the session has ended\.\n$/);
    expect(await endResult(second.sessionID)).toBe('WRONG_VC');
  });

  it('gives up waiting after --timeout-s with a sentence', async () => {
    const result = await device('wait', '--timeout-s', '1', '--pin', '1357');
    expect(result.code).toBe(1);
    expect(result.out).toBe('No transaction arrived within 1 s.\n');
  });

  it('asks for --pin when there is no terminal, and names bad options', async () => {
    const { link } = await newLoginLink();
    expect((await device('open', link)).err).toBe('tessera: Give --pin: there is no terminal to ask in.\n');
    expect((await device('open', 'nowhere.png', '--pin', '1357')).err).toBe(
      'tessera: "nowhere.png" is neither a device link URL nor a readable PNG file.\n',
    );
    expect((await device('open', link, '--refuse', 'later')).err).toMatch(/^tessera: --refuse takes one of /);
  });
});
