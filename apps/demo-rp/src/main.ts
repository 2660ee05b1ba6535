/**
 * The demo relying party: logs a person in against a Tessera identity server over the Smart-ID RP API v3, as an
 * integrator's backend would. `login qr` shows a QR code that changes every second (and the link itself, for
 * scripts and the headless device); `login notification` sends the login to a person's devices and shows the
 * verification code. The result is verified in full before the name is believed.
 *
 *   node --import tsx apps/demo-rp/src/main.ts login qr [--server http://127.0.0.1:8080] [--png qr.png]
 *   node --import tsx apps/demo-rp/src/main.ts login notification --etsi PNOEE-30303039914
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { systemRandom } from '@tessera/crypto';
import {
  buildDeviceLink,
  type CompleteSessionStatus,
  computeAuthenticationVerificationCode,
  DEFAULT_SCHEME_NAME,
  type FlowType,
  HASH_ALGORITHM_NAMES,
  type HashAlgorithm,
} from '@tessera/protocol';
import { Command, CommanderError } from 'commander';
import { renderQrForTerminal, writeQrPng } from './render-qr.js';
import {
  fetchCaChain,
  pollSessionStatus,
  RpApiRefusedError,
  startDeviceLinkSession,
  startNotificationSession,
} from './rp-api-client.js';
import {
  type AuthenticationExpectations,
  AuthenticationRejectedError,
  verifyAuthenticationResponse,
} from './verify-authentication-response.js';

/** Where the demo writes; injected so tests capture it. */
export interface DemoIo {
  write(text: string): void;
  writeError(text: string): void;
  readonly isTerminal: boolean;
}

const DEMO_RP = { relyingPartyUUID: '00000000-0000-4000-8000-000000000000', relyingPartyName: 'DEMO' };

interface LoginOptions {
  server: string;
  hash: string;
  scheme: string;
  trust?: string;
  timeoutS: string;
}

/** A login that cannot be run as asked (a bad option). */
class UsageError extends Error {}

function readOptions(options: LoginOptions) {
  if (!(HASH_ALGORITHM_NAMES as readonly string[]).includes(options.hash)) {
    throw new UsageError(`--hash takes one of ${HASH_ALGORITHM_NAMES.join(', ')}.`);
  }
  const seconds = Number(options.timeoutS);
  if (!(seconds >= 1 && seconds <= 600)) throw new UsageError('--timeout-s takes 1 to 600 seconds.');
  return {
    server: options.server.replace(/\/+$/, ''),
    hash: options.hash as HashAlgorithm,
    deadline: Date.now() + seconds * 1000,
  };
}

async function trustedChain(io: DemoIo, server: string, trust: string | undefined): Promise<string> {
  if (trust !== undefined) return readFile(trust, 'utf8');
  io.writeError(
    'note: trusting the CA chain the server publishes (a demo shortcut; a real relying party pins it: --trust FILE)\n',
  );
  return fetchCaChain(server);
}

function signatureParameters(hash: HashAlgorithm) {
  return {
    rpChallenge: Buffer.from(systemRandom(64)).toString('base64'),
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: hash },
  };
}

/** Long-polls until the session completes or the deadline passes; null on the deadline. */
async function waitForResult(server: string, sessionID: string, deadline: number, stop: { done: boolean }) {
  while (Date.now() < deadline) {
    const status = await pollSessionStatus(
      server,
      sessionID,
      Math.max(1000, Math.min(30_000, deadline - Date.now())),
    );
    if (status.state === 'COMPLETE') {
      stop.done = true;
      return status as CompleteSessionStatus;
    }
  }
  stop.done = true;
  return null;
}

async function finish(
  io: DemoIo,
  status: CompleteSessionStatus | null,
  expected: AuthenticationExpectations,
) {
  if (status === null) {
    io.write('login failed: no answer in time\n');
    return 1;
  }
  if (status.result.endResult !== 'OK') {
    const interaction = status.result.details?.interaction;
    io.write(
      `login failed: ${status.result.endResult}${interaction === undefined ? '' : ` (${interaction})`}\n`,
    );
    return 1;
  }
  const person = await verifyAuthenticationResponse(status, expected);
  io.write(`logged in: ${person.givenName} ${person.surname} (${person.documentNumber})\n`);
  return 0;
}

async function loginByQr(io: DemoIo, options: LoginOptions & { png?: string }): Promise<number> {
  const { server, hash, deadline } = readOptions(options);
  const trustedChainPem = await trustedChain(io, server, options.trust);
  const interactions = Buffer.from(
    JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Log in to the demo RP?' }]),
  ).toString('base64');
  const parameters = signatureParameters(hash);
  const started = await startDeviceLinkSession(server, {
    ...DEMO_RP,
    signatureProtocol: 'ACSP_V2',
    signatureProtocolParameters: parameters,
    interactions,
  });
  const receivedAt = Date.now();
  io.write(`session: ${started.sessionID}\n`);
  const stop = { done: false };
  const result = waitForResult(server, started.sessionID, deadline, stop);
  const show = async () => {
    const link = buildDeviceLink(
      {
        deviceLinkBase: started.deviceLinkBase,
        sessionToken: started.sessionToken,
        sessionType: 'auth',
        lang: 'eng',
        deviceLinkType: 'QR',
        elapsedSeconds: Math.floor((Date.now() - receivedAt) / 1000),
      },
      {
        sessionType: 'auth',
        schemeName: options.scheme,
        relyingPartyName: DEMO_RP.relyingPartyName,
        rpChallenge: parameters.rpChallenge,
        interactions,
      },
      started.sessionSecret,
    );
    if (options.png !== undefined) await writeQrPng(link, options.png);
    if (io.isTerminal) {
      // Redrawn in place every second: clear the screen, then the QR code, a hint and the link.
      const qr = await renderQrForTerminal(link);
      io.write(
        `\x1b[2J\x1b[H${qr}\nScan it with the Tessera app, or give the link or a PNG to tessera device open.\n`,
      );
    }
    io.write(`device link: ${link}\n`);
  };
  while (!stop.done) {
    await show();
    await Promise.race([result, new Promise((r) => setTimeout(r, 1000))]);
  }
  return finish(io, await result, {
    schemeName: options.scheme,
    relyingPartyName: DEMO_RP.relyingPartyName,
    rpChallenge: parameters.rpChallenge,
    interactions,
    offeredFlowTypes: ['QR'],
    hashAlgorithm: hash,
    certificateLevel: 'QUALIFIED',
    trustedChainPem,
    now: new Date(),
  });
}

async function loginByNotification(
  io: DemoIo,
  options: LoginOptions & { etsi?: string; document?: string },
): Promise<number> {
  const { server, hash, deadline } = readOptions(options);
  if ((options.etsi === undefined) === (options.document === undefined)) {
    throw new UsageError(
      'Give exactly one of --etsi <semantics identifier> and --document <document number>.',
    );
  }
  const trustedChainPem = await trustedChain(io, server, options.trust);
  const interactions = Buffer.from(
    JSON.stringify([
      { type: 'confirmationMessage', displayText200: 'Log in to the demo relying party?' },
      { type: 'displayTextAndPIN', displayText60: 'Log in to the demo RP?' },
    ]),
  ).toString('base64');
  const parameters = signatureParameters(hash);
  const started = await startNotificationSession(
    server,
    options.etsi !== undefined ? { etsi: options.etsi } : { document: options.document as string },
    {
      ...DEMO_RP,
      signatureProtocol: 'ACSP_V2',
      signatureProtocolParameters: parameters,
      interactions,
      vcType: 'numeric4',
    },
  );
  io.write(`session: ${started.sessionID}\n`);
  io.write(`verification code: ${computeAuthenticationVerificationCode(parameters.rpChallenge)}\n`);
  const status = await waitForResult(server, started.sessionID, deadline, { done: false });
  return finish(io, status, {
    schemeName: options.scheme,
    relyingPartyName: DEMO_RP.relyingPartyName,
    rpChallenge: parameters.rpChallenge,
    interactions,
    offeredFlowTypes: ['Notification'] as FlowType[],
    hashAlgorithm: hash,
    certificateLevel: 'QUALIFIED',
    trustedChainPem,
    now: new Date(),
  });
}

/** Runs the demo relying party's command line and resolves to the exit code. */
export async function runDemoRp(argv: readonly string[], io: DemoIo): Promise<number> {
  let exitCode = 0;
  const run = (work: () => Promise<number>) => async () => {
    try {
      exitCode = await work();
    } catch (error) {
      if (
        error instanceof RpApiRefusedError ||
        error instanceof AuthenticationRejectedError ||
        error instanceof UsageError
      ) {
        io.writeError(`demo-rp: ${error.message}\n`);
        exitCode = error instanceof AuthenticationRejectedError ? 1 : 2;
        return;
      }
      throw error;
    }
  };
  const program = new Command('demo-rp')
    .description('A demo relying party for a Tessera server (Smart-ID RP API v3)')
    .exitOverride()
    .configureOutput({ writeOut: io.write, writeErr: io.writeError });
  const login = program.command('login').description('log a person in');
  const common = (command: Command) =>
    command
      .option('--server <url>', 'the Tessera server', 'http://127.0.0.1:8080')
      .option('--hash <name>', 'hash of the rsassa-pss signature', 'SHA-512')
      .option('--scheme <name>', 'the scheme name the server uses', DEFAULT_SCHEME_NAME)
      .option('--trust <pem>', 'the CA chain to trust (default: the one the server publishes)')
      .option('--timeout-s <seconds>', 'give up after this many seconds', '120');
  common(login.command('qr'))
    .description('show a QR code (refreshed every second) that the app or the headless device scans')
    .option('--png <file>', 'also write the current QR code to this PNG file every second')
    .action((options) => run(() => loginByQr(io, options))());
  common(login.command('notification'))
    .description("send the login to the person's devices and show the verification code")
    .option('--etsi <id>', 'the semantics identifier, e.g. PNOEE-30303039914')
    .option('--document <number>', 'the document number of one account')
    .action((options) => run(() => loginByNotification(io, options))());
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = await runDemoRp(process.argv.slice(2), {
    write: (text) => process.stdout.write(text),
    writeError: (text) => process.stderr.write(text),
    isTerminal: process.stdout.isTTY === true,
  });
}
