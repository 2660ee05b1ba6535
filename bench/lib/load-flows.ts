/**
 * The two sides of the load: headless devices (`@tessera/device`, in memory, each with one declared identity)
 * and a relying party (`@tessera/rp-client`), and the complete flows they run against a server: a QR device-link
 * login, a notification login and a notification signature, each verified in full by the RP client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import {
  confirmTransaction,
  createMemoryVault,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  takeTransaction,
} from '@tessera/device';
import type { TransactionView } from '@tessera/protocol';
import { createRpClient, type RpClient } from '@tessera/rp-client';

/** Declared in the sandbox; used once each, never printed. */
const PIN1 = '2580';
const PIN2 = '14703';
const DEMO_RP = { relyingPartyUUID: '00000000-0000-4000-8000-000000000000', relyingPartyName: 'DEMO' };
const LOGIN = [{ type: 'displayTextAndPIN', displayText60: 'Log in to the load test?' }] as const;
const SIGN = [{ type: 'confirmationMessage', displayText200: 'Sign the load test document?' }] as const;

/** A headless device holding one enrolled account. */
export interface LoadDevice {
  readonly context: DeviceContext;
  readonly documentNumber: string;
}

/** The complete flows a load worker runs. */
export type FlowName =
  | 'QR device-link authentication'
  | 'notification authentication'
  | 'notification signature';

export const FLOWS: readonly FlowName[] = [
  'QR device-link authentication',
  'notification authentication',
  'notification signature',
];

/**
 * The load devices' exponentiations: OpenSSL, keeping each bound share (these are throw-away load-test keys; a
 * real device binds its share for one exponentiation). The generator then spends about 6 ms instead of 34 ms of
 * its one thread on each partial signature, so it drives the server harder.
 */
const deviceModExp = createOpensslModExp();

/** Enrols a device with the declared identity number `n` (production key profile: RSA 3072). */
export async function enrolDevice(
  serverUrl: string,
  fetch: typeof globalThis.fetch,
  n: number,
): Promise<LoadDevice> {
  const context: DeviceContext = {
    vault: createMemoryVault(),
    transport: { baseUrl: '', fetch: (path, init) => fetch(serverUrl + path, init) },
    random: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    now: () => Date.now(),
    modExp: deviceModExp,
  };
  const account = await enrolIdentity(context, {
    identity: {
      semanticsIdentifier: `PNOEE-3900101${String(n).padStart(4, '0')}`,
      givenName: 'MARI',
      surname: `LOAD${n}`,
      dateOfBirth: '1990-01-01',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: PIN2,
  });
  return { context, documentNumber: account.documentNumber };
}

/** The RP client of the sandbox's demo relying party, trusting the server's published CA chain. */
export async function createLoadRpClient(
  serverUrl: string,
  fetch: typeof globalThis.fetch,
): Promise<RpClient> {
  const res = await globalThis.fetch(`${serverUrl}/pki/ca-chain.pem`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`GET /pki/ca-chain.pem answered ${res.status}.`);
  return createRpClient({
    baseUrl: serverUrl,
    ...DEMO_RP,
    trustedCertificates: await res.text(),
    pollTimeoutMs: 30_000,
    fetch,
  });
}

/** Whatever the outcome says, unless it is OK. */
function requireOk(outcome: { endResult: string }, flow: string): void {
  if (outcome.endResult !== 'OK') throw new Error(`${flow} ended ${outcome.endResult}.`);
}

/** The device's answer must be OK (a wrong PIN or a lock would break the run). */
async function confirm(device: LoadDevice, view: TransactionView | null, pin: string): Promise<void> {
  if (view === null) throw new Error('The device could not take the transaction (no view).');
  const answer = await confirmTransaction(device.context, { view, pin });
  if (answer.result !== 'OK') throw new Error(`The device's signature was answered ${answer.result}.`);
}

/**
 * The RP's long poll, started before the device answers as a relying party's backend would: the completion
 * wakes it. Its rejection is observed at once and rethrown when awaited, so a device failure in between does not
 * leave an unhandled rejection.
 */
function awaitInBackground<T>(outcome: Promise<T>): () => Promise<T> {
  const settled = outcome.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const result = await settled;
    if (!result.ok) throw result.error;
    return result.value;
  };
}

const MAX_WAIT_MS = 60_000;

/** The person scans the RP's QR code with the device and enters PIN1; the RP gets the verified login. */
async function qrAuthentication(rp: RpClient, device: LoadDevice): Promise<void> {
  const session = await rp.startDeviceLinkAuthentication({ interactions: [...LOGIN] });
  const outcome = awaitInBackground(rp.awaitOutcome(session, { maxWaitMs: MAX_WAIT_MS }));
  const { view } = await takeTransaction(device.context, { deviceLink: rp.qrCodeLink(session) });
  await confirm(device, view, PIN1);
  requireOk(await outcome(), 'A QR login');
}

/** The RP sends a login to the account; the app lists what waits for it, takes it and answers with PIN1. */
async function notificationAuthentication(rp: RpClient, device: LoadDevice): Promise<void> {
  const session = await rp.startNotificationAuthentication({
    target: { documentNumber: device.documentNumber },
    interactions: [...LOGIN],
  });
  const outcome = awaitInBackground(rp.awaitOutcome(session, { maxWaitMs: MAX_WAIT_MS }));
  await takeOffered(device, session.sessionID);
  requireOk(await outcome(), 'A notification login');
}

/** The RP asks the account to sign a document's digest; the app takes it and answers with PIN2. */
async function notificationSignature(rp: RpClient, device: LoadDevice): Promise<void> {
  const digest = new Uint8Array(createHash('sha256').update(randomBytes(32)).digest());
  const session = await rp.startNotificationSignature({
    target: { documentNumber: device.documentNumber },
    digest,
    hashAlgorithm: 'SHA-256',
    interactions: [...SIGN],
  });
  const outcome = awaitInBackground(rp.awaitOutcome(session, { maxWaitMs: MAX_WAIT_MS }));
  await takeOffered(device, session.sessionID, PIN2);
  requireOk(await outcome(), 'A notification signature');
}

/** As the app does after a push: refreshes its list, takes the offer and confirms it. */
async function takeOffered(device: LoadDevice, sessionId: string, pin = PIN1): Promise<void> {
  const pending = await fetchPendingTransactions(device.context);
  if (!pending.offers.some((o) => o.transactionId === sessionId)) {
    throw new Error('The session was not offered to the device.');
  }
  const { view } = await takeTransaction(device.context, {
    transactionId: sessionId,
    documentNumbers: [device.documentNumber],
  });
  await confirm(device, view, pin);
}

/** Runs one complete flow; rejects unless the RP ends with a verified OK. */
export function runFlow(flow: FlowName, rp: RpClient, device: LoadDevice): Promise<void> {
  switch (flow) {
    case 'QR device-link authentication':
      return qrAuthentication(rp, device);
    case 'notification authentication':
      return notificationAuthentication(rp, device);
    case 'notification signature':
      return notificationSignature(rp, device);
  }
}

/**
 * A device answers a notification login it was sent (for the long-poll wake-up measurement): takes it by id and
 * confirms with PIN1. Resolves when the server has answered the confirmation.
 */
export async function answerLogin(device: LoadDevice, sessionId: string): Promise<void> {
  const { view } = await takeTransaction(device.context, {
    transactionId: sessionId,
    documentNumbers: [device.documentNumber],
  });
  await confirm(device, view, PIN1);
}

/** The RP starts a notification login to `device` and returns the session id. */
export async function startLoginTo(rp: RpClient, device: LoadDevice): Promise<string> {
  const session = await rp.startNotificationAuthentication({
    target: { documentNumber: device.documentNumber },
    interactions: [...LOGIN],
  });
  return session.sessionID;
}

/** The RP starts an anonymous QR login nobody answers and returns the session id. */
export async function startUnansweredQrLogin(rp: RpClient): Promise<string> {
  return (await rp.startDeviceLinkAuthentication({ interactions: [...LOGIN] })).sessionID;
}
