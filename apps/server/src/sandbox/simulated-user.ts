/**
 * SIMULATED: the person behind the sandbox's scripted test accounts. Each account lives on its own simulated phone
 * (the `@tessera/device` core, the same code as the app), which talks to this server's app API in process. When a
 * session reaches a scripted account — a notification, or a device link handed to `POST /mock/device-link` — the
 * simulated user gives the account's published outcome: OK with a real two-party signature (PIN through the
 * protocol, clone token and all), a refusal, a wrong code, or silence until the scripted TIMEOUT. Only the
 * sandbox builds one; production mode refuses the sandbox.
 */
import { join } from 'node:path';
import { type DeviceNotifier, endSession, type SessionEnd } from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import {
  confirmTransaction,
  type DeviceContext,
  fetchPendingTransactions,
  prepareEnrolment,
  refuseTransaction,
  chooseVerificationCode as sendVerificationCodeChoice,
  takeTransaction,
} from '@tessera/device';
import { formatSemanticsIdentifier, parseDocumentNumber, type TransactionView } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import type { AppApiDeps } from '../app-api/app-api-deps.js';
import { enrolFromRequest } from '../app-api/enrol-from-request.js';
import { HttpError } from '../http-error.js';
import { SCRIPTED_TEST_ACCOUNTS, type ScriptedTestAccount } from './scripted-test-accounts.js';
import { openSimulatedDevicesFile } from './simulated-devices-file.js';

/** The PINs the simulated person knows (any PIN unmasks a share; only the server can tell a wrong one). */
const SIMULATED_PINS = { authentication: '1397', signing: '13975' } as const;

/** What `POST /mock/device-link` hands over (spec §4.6). */
export interface MockDeviceLinkInput {
  readonly documentNumber: string;
  readonly deviceLink: string;
  readonly flowType: 'QR' | 'Web2App' | 'App2App';
  readonly browserCookie?: string;
  readonly initialCallbackUrl?: string;
}

/** The simulated user of a sandbox. */
export interface SimulatedUser {
  /** Wraps the server's device notifier: the simulated phones hear of notifications too. */
  readonly notifier: DeviceNotifier;
  /**
   * Answers through `app` from now on, and starts enrolling the scripted accounts the store lacks (the first
   * start: a few hundred milliseconds of key generation each) in the background. Rejects at once when the store
   * holds scripted accounts whose phones are not in this data directory.
   */
  start(app: FastifyInstance): Promise<void>;
  /** Resolves with the number of accounts enrolled once every scripted account exists (after `start`). */
  whenReady(): Promise<number>;
  /** Opens a device link on the account's phone and answers it; for Web2App/App2App requests the callback. */
  resolveDeviceLink(input: MockDeviceLinkInput): Promise<void>;
  /** Stops enrolling and answering; resolves once an enrolment under way has finished. */
  close(): Promise<void>;
}

/** What the simulated user needs. */
export interface SimulatedUserOptions {
  readonly deps: AppApiDeps;
  readonly dataDir: string;
  readonly allowedModulusBits: readonly number[];
  readonly scriptedTimeoutMs: number;
  /** The server's own device notifier, wrapped. */
  readonly notifier: DeviceNotifier;
  /** Only these accounts (tests); all of `SCRIPTED_TEST_ACCOUNTS` by default. */
  readonly accounts?: readonly ScriptedTestAccount[];
}

const CALLBACK_TIMEOUT_MS = 5_000;

function identityOf(account: ScriptedTestAccount) {
  const { semanticsIdentifier } = parseDocumentNumber(account.documentNumber);
  return {
    semanticsIdentifier: formatSemanticsIdentifier(semanticsIdentifier),
    givenName: account.givenName,
    surname: account.surname,
    dateOfBirth: account.dateOfBirth,
    country: semanticsIdentifier.countryCode,
    level: account.documentNumber.endsWith('-NQ') ? ('ADVANCED' as const) : ('QUALIFIED' as const),
  };
}

/**
 * Which scripted account answers an offer naming several: the published account rather than a person's other
 * account (the simulated person makes the device choice), else the first.
 */
function answererOf(documentNumbers: readonly string[], scripted: ReadonlyMap<string, ScriptedTestAccount>) {
  const named = documentNumbers.flatMap((d) => scripted.get(d) ?? []);
  return named.find((a) => a.otherAccountOf === undefined) ?? named[0];
}

/** The callback URL the session was created with, as the phone shows it. */
function initialCallbackUrlOf(view: TransactionView): string | undefined {
  return view.signedContent.kind === 'acsp-v2'
    ? view.signedContent.fields.initialCallbackUrl || undefined
    : view.signedContent.initialCallbackUrl;
}

/** Builds the simulated user (nothing runs before `start`). */
export function createSimulatedUser(options: SimulatedUserOptions): SimulatedUser {
  const { deps } = options;
  const accounts = options.accounts ?? SCRIPTED_TEST_ACCOUNTS;
  const scripted = new Map(accounts.map((a) => [a.documentNumber, a]));
  const devicesFile = openSimulatedDevicesFile(join(options.dataDir, 'sandbox-simulated-devices.json'));
  const documentNumberOfDevice = new Map<string, string>();
  const inHand = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let app: FastifyInstance | undefined;
  let closed = false;
  let enrolment: Promise<number> | undefined;

  const contextOf = (documentNumber: string): DeviceContext => ({
    vault: devicesFile.vaultOf(documentNumber),
    random: systemRandom,
    now: () => deps.clock.now(),
    transport: {
      baseUrl: '',
      async fetch(url, init) {
        if (app === undefined) throw new Error('The simulated user is not started.');
        const answer = await app.inject({
          method: init.method as 'GET',
          url,
          headers: init.headers,
          ...(init.body === undefined ? {} : { payload: Buffer.from(init.body) }),
        });
        const empty = answer.statusCode === 204 || answer.rawPayload.length === 0;
        return new Response(empty ? null : new Uint8Array(answer.rawPayload), {
          status: answer.statusCode,
          headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') },
        });
      },
    },
  });

  const end = (sessionId: string, result: SessionEnd) => endSession(deps, sessionId, result);

  const endLater = (sessionId: string) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void end(sessionId, { endResult: 'TIMEOUT' }).catch(() => {});
    }, options.scriptedTimeoutMs);
    timer.unref();
    timers.add(timer);
  };

  /** Confirms a taken transaction: the right one of three codes (read off the RP's screen), then the PIN. */
  const confirm = async (context: DeviceContext, view: TransactionView, userChallengeVerifier: string) => {
    if (view.verificationCodeChoice !== null) {
      const session = await deps.sessions.get(view.transactionId);
      if (session?.verificationCode == null) return;
      await sendVerificationCodeChoice(context, view.transactionId, session.verificationCode);
    }
    return confirmTransaction(context, {
      view,
      pin: SIMULATED_PINS[view.keyPurpose],
      userChallengeVerifier,
    });
  };

  /** Answers one notification offer as the account's script says. */
  const answerOffer = async (
    account: ScriptedTestAccount,
    transactionId: string,
    offered: readonly string[],
  ) => {
    const context = contextOf(account.documentNumber);
    const { answer } = account;
    switch (answer.kind) {
      case 'timeout':
        endLater(transactionId);
        return;
      case 'end':
        await end(transactionId, answer.end);
        return;
      case 'refuse-device-choice':
        await refuseTransaction(context, transactionId, 'DEVICE_CHOICE');
        return;
      case 'confirm': {
        const taken = await takeTransaction(
          context,
          { transactionId, documentNumbers: offered },
          { documentNumber: account.documentNumber },
        );
        if (taken.view !== null) await confirm(context, taken.view, taken.userChallengeVerifier);
      }
    }
  };

  /** Looks at what waits for one simulated phone and answers the offers its account is to answer. */
  const answerDevice = async (documentNumber: string) => {
    const pending = await fetchPendingTransactions(contextOf(documentNumber));
    for (const offer of pending.offers) {
      if (inHand.has(offer.transactionId)) continue;
      // The person sees every phone the session reached; the offer names only this phone's accounts.
      const session = await deps.sessions.get(offer.transactionId);
      const answerer = answererOf(session?.target?.documentNumbers ?? [], scripted);
      if (answerer?.documentNumber !== documentNumber) continue;
      inHand.add(offer.transactionId);
      try {
        await answerOffer(answerer, offer.transactionId, offer.documentNumbers);
      } finally {
        // A TIMEOUT account's offer stays in hand until its timer ends the session.
        if (answerer.answer.kind !== 'timeout') inHand.delete(offer.transactionId);
      }
    }
  };

  return {
    notifier: {
      notifyDevices(deviceIds) {
        options.notifier.notifyDevices(deviceIds);
        if (app === undefined || closed) return;
        for (const deviceId of deviceIds) {
          const documentNumber = documentNumberOfDevice.get(deviceId);
          // A simulated person's trouble (a session that ended meanwhile) is theirs alone: the RP sees the result.
          if (documentNumber !== undefined)
            setImmediate(() => void answerDevice(documentNumber).catch(() => {}));
        }
      },
    },

    async start(started) {
      app = started;
      const missing: ScriptedTestAccount[] = [];
      for (const account of accounts) {
        const stored = await deps.accounts.get(account.documentNumber);
        if (stored !== undefined && devicesFile.has(account.documentNumber)) {
          documentNumberOfDevice.set(stored.deviceId, account.documentNumber);
        } else if (stored !== undefined) {
          throw new Error(
            `The database holds the scripted test account ${account.documentNumber}, but this data directory has not its simulated phone: start with the data directory that created it, or with an empty database.`,
          );
        } else {
          missing.push(account);
        }
      }
      // Key generation dominates: a few enrolments at a time keep both cores busy.
      const queue = [...missing];
      const enrolNext = async (): Promise<void> => {
        const account = queue.shift();
        if (account === undefined || closed) return;
        const context = contextOf(account.documentNumber);
        const prepared = await prepareEnrolment(context, {
          identity: identityOf(account),
          pin1: SIMULATED_PINS.authentication,
          pin2: SIMULATED_PINS.signing,
          profile: 'test-2048',
          exportableDeviceKey: true,
        });
        const answer = await enrolFromRequest(deps, {
          deviceId: prepared.vaultData.deviceId,
          request: prepared.request,
          allowedModulusBits: options.allowedModulusBits,
          accountId: parseDocumentNumber(account.documentNumber).accountId,
        });
        await prepared.finish(answer);
        documentNumberOfDevice.set(prepared.vaultData.deviceId, account.documentNumber);
        return enrolNext();
      };
      enrolment = Promise.all([enrolNext(), enrolNext(), enrolNext(), enrolNext()]).then(
        () => missing.length,
      );
      // Whoever waits sees a failure; nobody waiting is no unhandled rejection.
      enrolment.catch(() => {});
    },

    whenReady() {
      if (enrolment === undefined) return Promise.reject(new Error('The simulated user is not started.'));
      return enrolment;
    },

    async resolveDeviceLink(input) {
      const account = scripted.get(input.documentNumber);
      if (account === undefined) {
        throw new HttpError(
          400,
          'NOT_A_TEST_ACCOUNT',
          `${input.documentNumber} is not a scripted test account.`,
        );
      }
      const context = contextOf(account.documentNumber);
      const taken = await takeTransaction(
        context,
        { deviceLink: input.deviceLink },
        { documentNumber: account.documentNumber },
      );
      const view = taken.view;
      if (view === null || taken.certificateChosen) return;
      const linkType =
        view.signedContent.kind === 'acsp-v2'
          ? view.signedContent.fields.flowType
          : view.signedContent.flowType;
      if (linkType !== input.flowType) {
        await end(view.transactionId, { endResult: 'PROTOCOL_FAILURE' });
        throw new HttpError(
          400,
          'FLOW_TYPE_MISMATCH',
          `The device link is a ${linkType} link, not ${input.flowType}.`,
        );
      }
      const sameDevice = input.flowType !== 'QR';
      if (sameDevice && input.initialCallbackUrl !== initialCallbackUrlOf(view)) {
        await end(view.transactionId, { endResult: 'PROTOCOL_FAILURE' });
        throw new HttpError(
          400,
          'CALLBACK_URL_MISMATCH',
          'initialCallbackUrl must be the one the session was created with.',
        );
      }
      const { answer } = account;
      if (answer.kind === 'timeout') return endLater(view.transactionId);
      if (answer.kind === 'end') return void (await end(view.transactionId, answer.end));
      if (answer.kind === 'refuse-device-choice') {
        return void (await end(view.transactionId, { endResult: 'USER_REFUSED_CERT_CHOICE' }));
      }
      const confirmed = await confirm(context, view, taken.userChallengeVerifier);
      if (!sameDevice || confirmed?.callbackUrl === undefined) return;
      let status: number;
      try {
        const response = await fetch(confirmed.callbackUrl, {
          headers: input.browserCookie === undefined ? {} : { cookie: input.browserCookie },
          redirect: 'manual',
          signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
        });
        await response.body?.cancel();
        status = response.status;
      } catch (cause) {
        throw new HttpError(
          400,
          'CALLBACK_FAILED',
          `The session is complete, but its callback URL could not be requested: ${(cause as Error).message}.`,
        );
      }
      if (status >= 400) {
        throw new HttpError(
          400,
          'CALLBACK_FAILED',
          `The session is complete, but its callback URL answered ${status}.`,
        );
      }
    },

    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await enrolment?.catch(() => {});
    },
  };
}
