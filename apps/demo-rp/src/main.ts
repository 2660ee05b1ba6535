/**
 * The demo relying party: logs a person in against a Tessera identity server over the Smart-ID RP API v3, as an
 * integrator's backend would, with the SDK (`@tessera/rp-client`). `login qr` shows a QR code that changes every
 * second (and the link itself, for scripts and the headless device); `login notification` sends the login to a
 * person's devices and shows the verification code. The SDK verifies the result in full before the name is
 * believed.
 *
 *   node --import tsx apps/demo-rp/src/main.ts login qr [--server http://127.0.0.1:8080] [--png qr.png]
 *   node --import tsx apps/demo-rp/src/main.ts login notification --etsi PNOEE-30303039914
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEME_NAME, HASH_ALGORITHM_NAMES, type HashAlgorithm } from '@tessera/protocol';
import {
  type Authentication,
  createRpClient,
  type RpClient,
  RpClientError,
  type RpSession,
  type SessionOutcome,
} from '@tessera/rp-client';
import { Command, CommanderError } from 'commander';
import { renderQrForTerminal, writeQrPng } from './render-qr.js';

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

/** The response verdicts that mean "not logged in" rather than "could not try". */
const REJECTIONS: readonly string[] = ['RESPONSE_REJECTED', 'CALLBACK_REJECTED', 'CERTIFICATE_REVOKED'];

async function trustedChain(io: DemoIo, server: string, trust: string | undefined): Promise<string> {
  if (trust !== undefined) {
    try {
      return await readFile(trust, 'utf8');
    } catch {
      throw new UsageError(`--trust: cannot read ${trust}.`);
    }
  }
  io.writeError(
    'note: trusting the CA chain the server publishes (a demo shortcut; a real relying party pins it: --trust FILE)\n',
  );
  let res: Response;
  try {
    res = await fetch(`${server}/pki/ca-chain.pem`);
  } catch {
    throw new RpClientError('UNREACHABLE', `Cannot reach ${server}: is the Tessera server running?`);
  }
  if (!res.ok) throw new RpClientError('SERVER_ERROR', `The server has no CA chain (HTTP ${res.status}).`);
  return res.text();
}

/** The client and the login's deadline, from the options. */
async function prepare(io: DemoIo, options: LoginOptions): Promise<{ rp: RpClient; signal: AbortSignal }> {
  if (!(HASH_ALGORITHM_NAMES as readonly string[]).includes(options.hash)) {
    throw new UsageError(`--hash takes one of ${HASH_ALGORITHM_NAMES.join(', ')}.`);
  }
  const seconds = Number(options.timeoutS);
  if (!(seconds >= 1 && seconds <= 600)) throw new UsageError('--timeout-s takes 1 to 600 seconds.');
  const server = options.server.replace(/\/+$/, '');
  if (!URL.canParse(server)) throw new UsageError('--server takes a URL such as http://127.0.0.1:8080.');
  const rp = createRpClient({
    baseUrl: server,
    ...DEMO_RP,
    schemeName: options.scheme,
    hashAlgorithm: options.hash as HashAlgorithm,
    trustedCertificates: await trustedChain(io, server, options.trust),
  });
  return { rp, signal: AbortSignal.timeout(seconds * 1000) };
}

/** Waits for the verified outcome; `null` when the deadline passes first. */
async function outcomeOf(
  rp: RpClient,
  session: RpSession,
  signal: AbortSignal,
): Promise<SessionOutcome<Authentication> | null> {
  try {
    return (await rp.awaitOutcome(session, { signal })) as SessionOutcome<Authentication>;
  } catch (error) {
    if (signal.aborted) return null;
    throw error;
  }
}

function finish(io: DemoIo, outcome: SessionOutcome<Authentication> | null): number {
  if (outcome === null) {
    io.write('login failed: no answer in time\n');
    return 1;
  }
  if (outcome.endResult !== 'OK') {
    const interaction = outcome.interaction === undefined ? '' : ` (${outcome.interaction})`;
    io.write(`login failed: ${outcome.endResult}${interaction}: ${outcome.message}\n`);
    return 1;
  }
  const { givenName, surname } = outcome.identity;
  io.write(`logged in: ${givenName} ${surname} (${outcome.documentNumber})\n`);
  return 0;
}

async function loginByQr(io: DemoIo, options: LoginOptions & { png?: string }): Promise<number> {
  const { rp, signal } = await prepare(io, options);
  const session = await rp.startDeviceLinkAuthentication({
    interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in to the demo RP?' }],
  });
  io.write(`session: ${session.sessionID}\n`);
  let done = false;
  const outcome = outcomeOf(rp, session, signal).finally(() => {
    done = true;
  });
  while (!done) {
    const link = rp.qrCodeLink(session);
    if (options.png !== undefined) await writeQrPng(link, options.png);
    if (io.isTerminal) {
      // Redrawn in place every second: clear the screen, then the QR code, a hint and the link.
      const qr = await renderQrForTerminal(link);
      io.write(
        `\x1b[2J\x1b[H${qr}\nScan it with the Tessera app, or give the link or a PNG to tessera device open.\n`,
      );
    }
    io.write(`device link: ${link}\n`);
    await Promise.race([outcome, new Promise((r) => setTimeout(r, 1000))]);
  }
  return finish(io, await outcome);
}

async function loginByNotification(
  io: DemoIo,
  options: LoginOptions & { etsi?: string; document?: string },
): Promise<number> {
  if ((options.etsi === undefined) === (options.document === undefined)) {
    throw new UsageError(
      'Give exactly one of --etsi <semantics identifier> and --document <document number>.',
    );
  }
  const { rp, signal } = await prepare(io, options);
  const session = await rp.startNotificationAuthentication({
    target:
      options.etsi !== undefined
        ? { semanticsIdentifier: options.etsi }
        : { documentNumber: options.document as string },
    interactions: [
      { type: 'confirmationMessage', displayText200: 'Log in to the demo relying party?' },
      { type: 'displayTextAndPIN', displayText60: 'Log in to the demo RP?' },
    ],
  });
  io.write(`session: ${session.sessionID}\n`);
  io.write(`verification code: ${session.verificationCode}\n`);
  return finish(io, await outcomeOf(rp, session, signal));
}

/** Runs the demo relying party's command line and resolves to the exit code. */
export async function runDemoRp(argv: readonly string[], io: DemoIo): Promise<number> {
  let exitCode = 0;
  const run = (work: () => Promise<number>) => async () => {
    try {
      exitCode = await work();
    } catch (error) {
      if (error instanceof RpClientError || error instanceof UsageError) {
        io.writeError(`demo-rp: ${error.message}\n`);
        exitCode = error instanceof RpClientError && REJECTIONS.includes(error.code) ? 1 : 2;
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
