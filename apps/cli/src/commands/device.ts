/**
 * `tessera device …`: the headless device, the same @tessera/device code the app runs, with its state in a
 * directory. It enrols a sandbox identity, lists its accounts with their PIN locks, opens device links (a URL or
 * a PNG of the QR), waits for notification transactions and answers them with a PIN, a code choice or a
 * refusal. Everything is scriptable: PINs and choices come from options when there is no terminal.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createOpensslModExp } from '@tessera/crypto/node';
import {
  chooseVerificationCode,
  confirmTransaction,
  type DeviceContext,
  deleteAccount,
  enrolIdentity,
  fetchAccountStates,
  fetchPendingTransactions,
  refuseTransaction,
  takeTransaction,
} from '@tessera/device';
import {
  parseDeviceLink,
  parseSemanticsIdentifier,
  type RefuseRequest,
  type TransactionView,
} from '@tessera/protocol';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { createDirectoryVault, type DirectoryVault } from '../device/directory-vault.js';
import { formatTransaction } from '../device/format-transaction.js';
import { readQrPng } from '../device/read-qr-png.js';
import { UsageError } from '../report-error.js';

const DEFAULT_SERVER = 'http://127.0.0.1:8080';
const SCREENS: readonly RefuseRequest['screen'][] = [
  'DISPLAYTEXT_AND_PIN',
  'CONFIRMATIONMESSAGE',
  'VERIFICATION_CODE_CHOICE',
  'DEVICE_CHOICE',
];

/** The options every device command takes. */
interface DeviceOptions {
  dir: string;
  server?: string;
}

/** How a transaction is answered. */
interface AnswerOptions extends DeviceOptions {
  pin?: string;
  code?: string;
  refuse?: string;
  account?: string;
}

async function openDevice(
  options: DeviceOptions,
): Promise<{ context: DeviceContext; vault: DirectoryVault }> {
  const vault = createDirectoryVault(resolve(options.dir));
  const known = await vault.serverUrl();
  const server = (options.server ?? known ?? DEFAULT_SERVER).replace(/\/+$/, '');
  if (known === null || (options.server !== undefined && known !== server)) {
    if ((await vault.load()) !== null) {
      throw new UsageError(`This device is enrolled with ${known}; it cannot switch to ${server}.`);
    }
    await vault.setServerUrl(server);
  }
  return {
    vault,
    context: {
      vault,
      transport: { baseUrl: server, fetch: (url, init) => fetch(url, init) },
      random: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
      now: () => Date.now(),
      // The device's share is bound for one exponentiation and not kept.
      modExp: createOpensslModExp({ maxCachedContexts: 0 }),
    },
  };
}

async function secret(
  io: CliIo,
  given: string | undefined,
  question: string,
  option: string,
): Promise<string> {
  if (given !== undefined) return given;
  if (io.askSecret === undefined) throw new UsageError(`Give ${option}: there is no terminal to ask in.`);
  return io.askSecret(question);
}

function refusalScreen(value: string): RefuseRequest['screen'] {
  const screen = value.toUpperCase() as RefuseRequest['screen'];
  if (!SCREENS.includes(screen)) throw new UsageError(`--refuse takes one of ${SCREENS.join(', ')}.`);
  return screen;
}

/** Checks the answer options before anything is taken: a bad --refuse, or no PIN and no terminal to ask in. */
function checkAnswerOptions(io: CliIo, options: AnswerOptions, needsPin = true): void {
  if (options.refuse !== undefined) {
    refusalScreen(options.refuse);
    return;
  }
  if (needsPin && options.pin === undefined && io.askSecret === undefined) {
    throw new UsageError('Give --pin: there is no terminal to ask in.');
  }
}

/** Answers a transaction the device took: refusal, code choice, then the PIN. Returns the exit code. */
async function answer(
  io: CliIo,
  context: DeviceContext,
  taken: { view: TransactionView | null; userChallengeVerifier?: string; certificateChosen?: boolean },
  options: AnswerOptions,
): Promise<number> {
  const view = taken.view;
  if (taken.certificateChosen === true) {
    io.write('The relying party now has the signing certificate of this account (to prepare a signature).\n');
    return 0;
  }
  if (view === null) {
    io.write('The relying party asked only for interactions this app does not support; the session ended.\n');
    return 1;
  }
  io.write(formatTransaction(view));
  if (options.refuse !== undefined) {
    const screen = refusalScreen(options.refuse);
    await refuseTransaction(context, view.transactionId, screen);
    io.write(`Refused on the ${screen} screen.\n`);
    return 0;
  }
  if (view.verificationCodeChoice !== null) {
    const code = options.code ?? (await secret(io, undefined, 'Code: ', '--code'));
    const chosen = await chooseVerificationCode(context, view.transactionId, code);
    if (chosen.result === 'WRONG_VC') {
      io.write('Wrong verification code: the session has ended.\n');
      return 1;
    }
  }
  const pinName = view.keyPurpose === 'authentication' ? 'PIN1' : 'PIN2';
  const pin = await secret(io, options.pin, `${pinName}: `, '--pin');
  const result = await confirmTransaction(context, {
    view,
    pin,
    ...(taken.userChallengeVerifier === undefined
      ? {}
      : { userChallengeVerifier: taken.userChallengeVerifier }),
  });
  switch (result.result) {
    case 'OK':
      io.write('Confirmed.\n');
      if (result.callbackUrl !== undefined) io.write(`callback: ${result.callbackUrl}\n`);
      return 0;
    case 'WRONG_PIN':
      io.write(
        result.lockedUntil === undefined
          ? `Wrong ${pinName}: ${result.attemptsLeft} attempt(s) left before the next lock.\n`
          : `Wrong ${pinName}: locked until ${result.lockedUntil}.\n`,
      );
      return 1;
    case 'LOCKED':
      io.write(
        result.permanent
          ? `${pinName} is locked for good.\n`
          : `${pinName} is locked until ${result.lockedUntil}.\n`,
      );
      return 1;
    case 'CLONE_DETECTED':
      io.write('The server saw a copy of this device answer before: this key is blocked. Enrol again.\n');
      return 1;
    case 'EXPIRED':
      io.write('The session has already ended.\n');
      return 1;
  }
}

/** The `sessionType` of a device link, or undefined when it does not parse (the server will say why). */
function parseLinkSessionType(link: string): string | undefined {
  try {
    return parseDeviceLink(link).sessionType;
  } catch {
    return undefined;
  }
}

async function readLink(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) return source;
  try {
    await readFile(source);
  } catch {
    throw new UsageError(`"${source}" is neither a device link URL nor a readable PNG file.`);
  }
  return readQrPng(source);
}

/** Registers `device` and its subcommands. */
export function registerDevice(
  program: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
) {
  const device = program
    .command('device')
    .description('the headless device: enrol, list accounts, answer transactions');
  const withDir = (command: Command) =>
    command
      .requiredOption('--dir <directory>', 'where the device keeps its state')
      .option('--server <url>', `the identity server (default: the enrolled one, or ${DEFAULT_SERVER})`);

  withDir(device.command('enrol'))
    .description('enrol a declared identity (sandbox servers only) with a new authentication and signing key')
    .requiredOption('--identity <id>', 'ETSI semantics identifier, e.g. PNOEE-30303039914')
    .requiredOption('--given-name <name>')
    .requiredOption('--surname <name>')
    .requiredOption('--date-of-birth <yyyy-mm-dd>')
    .option('--level <level>', 'QUALIFIED or ADVANCED', 'QUALIFIED')
    .option('--pin1 <pin>', 'PIN1 (4–12 digits); asked when not given')
    .option('--pin2 <pin>', 'PIN2 (5–12 digits); asked when not given')
    .option('--key-bits <bits>', 'RSA key size: 2048 (tests), 3072 or 4096', '3072')
    .action((options) =>
      run(async () => {
        const { context } = await openDevice(options);
        const identifier = parseSemanticsIdentifier(options.identity);
        if (options.level !== 'QUALIFIED' && options.level !== 'ADVANCED') {
          throw new UsageError('--level takes QUALIFIED or ADVANCED.');
        }
        const profile = (
          { '2048': 'test-2048', '3072': 'production-3072', '4096': 'production-4096' } as const
        )[options.keyBits as '2048'];
        if (profile === undefined) throw new UsageError('--key-bits takes 2048, 3072 or 4096.');
        const pin1 = await secret(io, options.pin1, 'PIN1: ', '--pin1');
        const pin2 = await secret(io, options.pin2, 'PIN2: ', '--pin2');
        io.write('Generating the authentication and signing keys…\n');
        const account = await enrolIdentity(context, {
          identity: {
            semanticsIdentifier: options.identity,
            givenName: options.givenName,
            surname: options.surname,
            dateOfBirth: options.dateOfBirth,
            country: identifier.countryCode,
            level: options.level,
          },
          pin1,
          pin2,
          profile,
          exportableDeviceKey: true,
        });
        io.write(`Enrolled ${account.documentNumber}.\n`);
        return 0;
      }),
    );

  withDir(device.command('accounts'))
    .description("list the device's accounts and the state of each PIN")
    .action((options) =>
      run(async () => {
        const { context } = await openDevice(options);
        for (const account of await fetchAccountStates(context)) {
          io.write(
            `${account.documentNumber}  ${account.givenName} ${account.surname}  ${account.level}  ${account.state}` +
              `${account.lockedUntil === null ? '' : ` until ${account.lockedUntil}`}  valid to ${account.validTo.slice(0, 10)}\n`,
          );
          for (const key of account.keys) {
            const pin = key.purpose === 'authentication' ? 'PIN1' : 'PIN2';
            const lock =
              key.lock.state === 'OPEN'
                ? `open, ${key.lock.attemptsLeft} attempt(s) before a lock`
                : key.lock.state === 'LOCKED'
                  ? `locked until ${key.lock.lockedUntil}`
                  : 'locked for good';
            io.write(`  ${pin}: ${lock}\n`);
          }
        }
        return 0;
      }),
    );

  const answering = (command: Command) =>
    withDir(command)
      .option('--account <documentNumber>', 'which account answers (needed when the device holds several)')
      .option('--pin <pin>', 'the PIN; asked when not given')
      .option('--code <code>', 'the verification code to choose, when three are offered')
      .option('--refuse <screen>', `refuse instead, on one of the screens ${SCREENS.join(', ')}`);

  answering(device.command('open'))
    .description('open a device link (its URL, or a PNG of the QR code) and answer it')
    .argument('<link-or-png>')
    .action((source: string, options: AnswerOptions) =>
      run(async () => {
        const link = await readLink(source);
        // A certificate-choice link (sessionType=cert) asks for no PIN.
        checkAnswerOptions(io, options, parseLinkSessionType(link) !== 'cert');
        const { context } = await openDevice(options);
        const taken = await takeTransaction(
          context,
          { deviceLink: link },
          options.account === undefined ? {} : { documentNumber: options.account },
        );
        return answer(io, context, taken, options);
      }),
    );

  answering(device.command('wait'))
    .description('wait for a notification transaction and answer it')
    .option('--timeout-s <seconds>', 'give up after this many seconds', '120')
    .action((options: AnswerOptions & { timeoutS: string }) =>
      run(async () => {
        checkAnswerOptions(io, options, false);
        const { context } = await openDevice(options);
        const seconds = Number(options.timeoutS);
        if (!(seconds >= 1 && seconds <= 3600)) throw new UsageError('--timeout-s takes 1 to 3600 seconds.');
        const deadline = Date.now() + seconds * 1000;
        while (Date.now() < deadline) {
          const pending = await fetchPendingTransactions(context, {
            waitMs: Math.min(30_000, Math.max(1000, deadline - Date.now())),
          });
          const open = pending.transactions[0];
          if (open !== undefined) return answer(io, context, { view: open }, options);
          const offer = pending.offers[0];
          if (offer === undefined) continue;
          if (offer.kind !== 'certificateChoice') checkAnswerOptions(io, options);
          if (options.refuse !== undefined && refusalScreen(options.refuse) === 'DEVICE_CHOICE') {
            await refuseTransaction(context, offer.transactionId, 'DEVICE_CHOICE');
            io.write(`Refused ${offer.rpName}'s request on the device-choice screen.\n`);
            return 0;
          }
          const taken = await takeTransaction(
            context,
            { transactionId: offer.transactionId, documentNumbers: offer.documentNumbers },
            options.account === undefined ? {} : { documentNumber: options.account },
          );
          return answer(io, context, taken, options);
        }
        io.write(`No transaction arrived within ${seconds} s.\n`);
        return 1;
      }),
    );

  withDir(device.command('delete-account'))
    .description('delete one of the device’s accounts (its certificates are revoked)')
    .argument('<documentNumber>')
    .action((documentNumber: string, options: DeviceOptions) =>
      run(async () => {
        const { context } = await openDevice(options);
        await deleteAccount(context, documentNumber);
        io.write(`Deleted ${documentNumber}.\n`);
        return 0;
      }),
    );
}
