/**
 * The watch companion end to end over real HTTP on PostgreSQL: a phone pairs a watch through the relay (code,
 * commit-then-reveal, the same SAS on both), serves notification transactions to it, and the watch confirms
 * them with the PIN it sends through the end-to-end encrypted channel; the RP verifies the signature. Also: a
 * wrong code, a wrong PIN, a refusal, a locked watch, unpairing from either side and by deleting the phone's
 * account, the rate limit on codes, and that the relay's rows hold nothing but ciphertext.
 */
import {
  type CompanionEvent,
  claimPairing,
  type DeviceContext,
  deleteAccount,
  enrolIdentity,
  type PhoneToWatchMessage,
  receiveFromPhone,
  requestDetails,
  sendPinEntry,
  sendRefusal,
  serveCompanion,
  setWatchLocked,
  startCompanionPairing,
  unpairCompanion,
  unpairWatch,
  type WatchCompanionState,
} from '@tessera/device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import {
  interactionsOf,
  pollSession,
  startNotificationAuthentication,
  verifyAuthentication,
} from '../support/relying-party.js';

/** Eight digits: a chance match inside random base64url text is out of the question. */
const PIN1 = '48213579';
let server: TestIdentityServer;
let phone: DeviceContext;
let documentNumber: string;

/** On the wall clock: the phone numbers its messages to the watch from its clock, which must move. */
function newDevice(): DeviceContext {
  return headlessDevice(server, { now: Date.now });
}

async function enrol(device: DeviceContext, semanticsIdentifier: string): Promise<string> {
  const account = await enrolIdentity(device, {
    identity: {
      semanticsIdentifier,
      givenName: 'MARY',
      surname: 'WATCHER',
      dateOfBirth: '1990-03-03',
      country: semanticsIdentifier.slice(3, 5),
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: '739205',
    profile: 'test-2048',
  });
  return account.documentNumber;
}

/** Pairs `device` with a new watch; both sides must show the same SAS. */
async function pair(device: DeviceContext): Promise<WatchCompanionState> {
  const pairing = await startCompanionPairing(device);
  expect(pairing.pairingCode).toMatch(/^[0-9]{8}$/);
  const [onPhone, onWatch] = await Promise.all([
    pairing.awaitWatch(),
    claimPairing(server.url, pairing.pairingCode),
  ]);
  expect(onPhone.sas).toMatch(/^[0-9]{6}$/);
  expect(onWatch.sas).toBe(onPhone.sas);
  const [, watch] = await Promise.all([pairing.confirm(), onWatch.confirm()]);
  return watch;
}

/** The watch's mailbox as a queue: waits for the next message of a type. */
function inbox(watch: WatchCompanionState) {
  const seen: PhoneToWatchMessage[] = [];
  return async function next<T extends PhoneToWatchMessage['type']>(
    type: T,
    transactionId?: string,
  ): Promise<Extract<PhoneToWatchMessage, { type: T }>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const at = seen.findIndex(
        (m) => m.type === type && (transactionId === undefined || m.transactionId === transactionId),
      );
      if (at >= 0) return seen.splice(at, 1)[0] as Extract<PhoneToWatchMessage, { type: T }>;
      if (Date.now() > deadline) throw new Error(`No ${type} message reached the watch.`);
      seen.push(...(await receiveFromPhone(watch, { waitMs: 5000 })));
    }
  };
}

/** Runs `serveCompanion` for `device` until the returned stop is called. */
function serve(device: DeviceContext) {
  const controller = new AbortController();
  const events: CompanionEvent[] = [];
  const done = serveCompanion(device, {
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    pollIntervalMs: 200,
  });
  return {
    events,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

async function relayRows(): Promise<string> {
  const channels = await server.store.db.selectFrom('companion_channels').selectAll().execute();
  const messages = await server.store.db.selectFrom('companion_messages').selectAll().execute();
  return JSON.stringify({ channels, messages });
}

beforeAll(async () => {
  server = await startTestIdentityServer({}, 'postgresql');
  phone = newDevice();
  documentNumber = await enrol(phone, 'PNOEE-40404040009');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('pairing', () => {
  it('shows the same six-digit SAS on both sides and keeps the channel in the phone vault', async () => {
    const watch = await pair(phone);
    expect((await phone.vault.load())?.companion?.channelId).toBe(watch.channelId);
    expect(watch).toMatchObject({ baseUrl: server.url, locked: false, version: 1 });
  });

  it('refuses a wrong code, and a code already claimed, with a 404 problem', async () => {
    const pairing = await startCompanionPairing(phone);
    const wrong = pairing.pairingCode === '00000000' ? '00000001' : '00000000';
    await expect(claimPairing(server.url, wrong)).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      status: 404,
      problemCode: 'PAIRING_NOT_FOUND',
    });
    const claimed = await fetch(`${server.url}/relay/v1/pairings/${pairing.pairingCode}/claim`, {
      method: 'POST',
    });
    expect(claimed.status).toBe(200);
    const again = await fetch(`${server.url}/relay/v1/pairings/${pairing.pairingCode}/claim`, {
      method: 'POST',
    });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    await pairing.reject();
  });

  it('takes the watch key once from the watch, and the phone key only from the phone', async () => {
    const pairing = await startCompanionPairing(phone);
    const claim = (await (
      await fetch(`${server.url}/relay/v1/pairings/${pairing.pairingCode}/claim`, { method: 'POST' })
    ).json()) as { pairingId: string; watchToken: string };
    const key = `B${'A'.repeat(86)}`;
    const put = (path: string, token: string, body: unknown) =>
      fetch(`${server.url}/relay/v1/pairings/${claim.pairingId}/${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('watch-key', claim.watchToken, { watchPublicKey: key })).status).toBe(204);
    expect((await server.store.companions.get(claim.pairingId))?.watchPublicKey).toBe(key);
    expect((await put('watch-key', claim.watchToken, { watchPublicKey: `C${key.slice(1)}` })).status).toBe(
      409,
    );
    // The watch cannot reveal for the phone.
    const forged = await put('phone-key', claim.watchToken, {
      phonePublicKey: key,
      phoneNonce: 'A'.repeat(43),
    });
    expect(forged.status).toBe(403);
    await pairing.reject();
  });
});

describe('transactions on the watch', () => {
  let watch: WatchCompanionState;
  let next: ReturnType<typeof inbox>;
  let serving: ReturnType<typeof serve>;

  beforeAll(async () => {
    watch = await pair(phone);
    next = inbox(watch);
    serving = serve(phone);
  });

  afterAll(async () => {
    await serving?.stop();
  });

  it('notifies the watch, shows the details there, and the PIN from the watch completes the login', async () => {
    const session = await startNotificationAuthentication(server.url, { document: documentNumber });
    const pending = await next('transaction-pending', session.sessionID);
    expect(pending).toMatchObject({ rpName: 'DEMO', kind: 'authentication' });
    await requestDetails(watch, session.sessionID);
    const details = await next('details', session.sessionID);
    expect(details).toMatchObject({
      rpName: 'DEMO',
      kind: 'authentication',
      pinKind: 'PIN1',
      verificationCode: session.verificationCode,
      verificationCodeChoice: null,
      interaction: { type: 'displayTextAndPIN', displayText: 'Log in to DEMO?' },
    });
    await sendPinEntry(watch, session.sessionID, PIN1);
    expect(await next('outcome', session.sessionID)).toMatchObject({ result: 'done' });
    const status = await pollSession(server.url, session.sessionID);
    verifyAuthentication(status, session);
    expect(status).toMatchObject({ result: { documentNumber }, signature: { flowType: 'Notification' } });
  });

  it('tells the watch a wrong PIN with the attempts left, and a right one still completes', async () => {
    const session = await startNotificationAuthentication(server.url, { document: documentNumber });
    await next('transaction-pending', session.sessionID);
    await requestDetails(watch, session.sessionID);
    await next('details', session.sessionID);
    await sendPinEntry(watch, session.sessionID, '11112222');
    const wrong = await next('outcome', session.sessionID);
    expect(wrong).toMatchObject({ result: 'wrong-pin' });
    expect((wrong as { attemptsLeft: number }).attemptsLeft).toBeGreaterThan(0);
    await sendPinEntry(watch, session.sessionID, PIN1);
    expect(await next('outcome', session.sessionID)).toMatchObject({ result: 'done' });
    expect(await pollSession(server.url, session.sessionID)).toMatchObject({ result: { endResult: 'OK' } });
  });

  it('refuses on the watch: the RP sees the refusal of the interaction', async () => {
    const session = await startNotificationAuthentication(
      server.url,
      { document: documentNumber },
      { interactions: interactionsOf([{ type: 'confirmationMessage', displayText200: 'Pay 10 EUR?' }]) },
    );
    await next('transaction-pending', session.sessionID);
    await requestDetails(watch, session.sessionID);
    expect(await next('details', session.sessionID)).toMatchObject({
      interaction: { type: 'confirmationMessage', displayText: 'Pay 10 EUR?' },
    });
    await sendRefusal(watch, session.sessionID);
    expect(await next('outcome', session.sessionID)).toMatchObject({ result: 'refused' });
    expect(await pollSession(server.url, session.sessionID)).toMatchObject({
      result: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'confirmationMessage' } },
    });
  });

  it('a locked watch receives nothing: the phone is refused WATCH_LOCKED, and the notice comes after unlocking', async () => {
    await setWatchLocked(watch, true);
    expect(watch.locked).toBe(true);
    const { token, channelId } = (await phone.vault.load())!.companion!;
    const posted = await fetch(`${server.url}/relay/v1/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext: 'AAAA' }),
    });
    expect(posted.status).toBe(409);
    expect(((await posted.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('WATCH_LOCKED');

    const session = await startNotificationAuthentication(server.url, { document: documentNumber });
    await expect
      .poll(() =>
        serving.events.some((e) => e.type === 'watch-locked' && e.transactionId === session.sessionID),
      )
      .toBe(true);
    expect(await receiveFromPhone(watch, { waitMs: 500 })).toEqual([]);
    const queued = await server.store.db
      .selectFrom('companion_messages')
      .selectAll()
      .where('channel_id', '=', channelId)
      .where('recipient', '=', 'watch')
      .execute();
    expect(queued).toEqual([]);

    await setWatchLocked(watch, false);
    await next('transaction-pending', session.sessionID);
    await requestDetails(watch, session.sessionID);
    await next('details', session.sessionID);
    await sendRefusal(watch, session.sessionID);
    expect(await next('outcome', session.sessionID)).toMatchObject({ result: 'refused' });
  });

  it('the relay stores only ciphertext: the PIN is in no relay row', async () => {
    await serving.stop();
    const session = await startNotificationAuthentication(server.url, { document: documentNumber });
    serving = serve(phone);
    await next('transaction-pending', session.sessionID);
    await requestDetails(watch, session.sessionID);
    await next('details', session.sessionID);
    // The phone is not serving while the PIN waits in its mailbox.
    await serving.stop();
    await sendPinEntry(watch, session.sessionID, PIN1);
    const rows = await relayRows();
    expect(rows).toContain(watch.channelId);
    const messages = await server.store.db.selectFrom('companion_messages').selectAll().execute();
    expect(messages.filter((m) => m.recipient === 'phone')).not.toEqual([]);
    expect(rows).not.toContain(PIN1);
    expect(rows).not.toContain(Buffer.from(PIN1).toString('base64url').slice(0, 10));
    for (const m of messages) {
      expect(Buffer.from(m.ciphertext, 'base64url').includes(Buffer.from(PIN1))).toBe(false);
      expect(Buffer.from(m.ciphertext, 'base64url').includes(Buffer.from('pin-entry'))).toBe(false);
    }
    serving = serve(phone);
    expect(await next('outcome', session.sessionID)).toMatchObject({ result: 'done' });
  });
});

describe('unpairing', () => {
  it('from the watch: the phone learns it on its next poll, stops serving and forgets the channel', async () => {
    const watch = await pair(phone);
    const serving = serve(phone);
    await unpairWatch(watch);
    await serving.done;
    expect(serving.events).toContainEqual({ type: 'unpaired' });
    expect((await phone.vault.load())?.companion).toBeUndefined();
    await expect(receiveFromPhone(watch, { waitMs: 0 })).rejects.toMatchObject({
      status: 410,
      problemCode: 'UNPAIRED',
    });
  });

  it('from the phone: the watch is told UNPAIRED', async () => {
    const watch = await pair(phone);
    const waiting = receiveFromPhone(watch, { waitMs: 20_000 });
    await new Promise((r) => setTimeout(r, 200));
    await unpairCompanion(phone);
    await expect(waiting).rejects.toMatchObject({ status: 410, problemCode: 'UNPAIRED' });
    expect((await phone.vault.load())?.companion).toBeUndefined();
  });

  it('pairing a new watch unpairs the earlier one', async () => {
    const first = await pair(phone);
    const second = await pair(phone);
    await expect(receiveFromPhone(first, { waitMs: 0 })).rejects.toMatchObject({ problemCode: 'UNPAIRED' });
    expect(await receiveFromPhone(second, { waitMs: 0 })).toEqual([]);
    await unpairWatch(second);
  });

  it("deleting the phone's last account drops its channel", async () => {
    const other = newDevice();
    const account = await enrol(other, 'PNOLV-040404-40006');
    const watch = await pair(other);
    await deleteAccount(other, account);
    await expect(receiveFromPhone(watch, { waitMs: 0 })).rejects.toMatchObject({ problemCode: 'UNPAIRED' });
  }, 60_000);
});

describe('the pairing code rate limit', () => {
  it('answers 429 after too many wrong codes from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/relay/v1/pairings/${String(90000000 + i)}/claim`, {
        method: 'POST',
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(404);
    expect(statuses.at(-1)).toBe(429);
  });
});
