import { describe, expect, it } from 'vitest';
import {
  type Account,
  type AccountStore,
  createMemoryAccountStore,
  createMemorySessionStore,
  createSessionWaiter,
  endSession,
  getSessionStatus,
  type RefuseTransactionInput,
  type RpSession,
  refuseTransaction,
  type SessionStore,
} from '../src/index.js';

const START = Date.parse('2026-11-22T10:00:00Z');
const DOCUMENT = 'PNOEE-30303039914-MOCK-Q';
const DEVICE = 'dev-refusing-00000000';

function session(id: string, interactionTypeUsed: string | null): RpSession {
  return {
    id,
    relyingPartyId: '00000000-0000-4000-8000-000000000000',
    relyingPartyName: 'DEMO',
    kind: 'authentication',
    flow: 'device-link',
    request: {},
    sessionToken: `token${id}`.padEnd(24, 'x'),
    sessionSecret: 'B98ODiVCebRedSwdTk51zFSaGYyHtY1H2A0ocAi3/Ps=',
    state: 'RUNNING',
    target: null,
    verificationCode: null,
    brokeredRpName: null,
    ignoredProperties: [],
    fingerprint: null,
    rpApiVersion: 'v3',
    transaction:
      interactionTypeUsed === null
        ? null
        : {
            documentNumber: DOCUMENT,
            keyId: `${DOCUMENT}/authentication`,
            flowType: 'QR',
            interactionTypeUsed,
            serverRandom: 'c2VydmVyUmFuZG9tU2VydmVyUmFuZG9t',
            userChallenge: 'x'.repeat(43),
            signatureAlgorithm: 'rsassa-pss',
            hashAlgorithm: 'SHA-512',
            encodedMessage: 'AA',
            verificationCodeChoice: null,
            verificationCodeChosen: false,
          },
    result: null,
    version: 1,
    createdAt: START,
    expiresAt: START + 120_000,
    completedAt: null,
  };
}

function account(deviceId: string): Account {
  return {
    id: 'MOCK',
    documentNumber: DOCUMENT,
    identity: {
      semanticsIdentifier: 'PNOEE-30303039914',
      givenName: 'OK',
      surname: 'TESTNUMBER',
      country: 'EE',
      dateOfBirth: null,
    },
    level: 'QUALIFIED',
    deviceId,
    state: 'active',
    validFrom: START,
    validTo: START + 94_608_000_000,
    authenticationKeyId: `${DOCUMENT}/authentication`,
    signingKeyId: `${DOCUMENT}/signing`,
    createdAt: START,
  };
}

async function world(interactionTypeUsed: string | null = 'displayTextAndPIN') {
  let now = START + 10_000;
  const sessions: SessionStore = createMemorySessionStore();
  const accounts: AccountStore = createMemoryAccountStore();
  await accounts.insert(account(DEVICE));
  await sessions.insert(session('s-1', interactionTypeUsed));
  const deps = {
    sessions,
    accounts,
    waiter: createSessionWaiter(),
    clock: { now: () => now },
  };
  return { deps, advance: (ms: number) => (now += ms) };
}

const refuse = (screen: RefuseTransactionInput['screen'], deviceId = DEVICE) => ({
  deviceId,
  sessionId: 's-1',
  screen,
});

describe('ending a session', () => {
  it('completes a running session with the given result and wakes its long-poll', async () => {
    const { deps } = await world();
    const polling = getSessionStatus(deps, 's-1', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await endSession(deps, 's-1', { endResult: 'USER_REFUSED_CERT_CHOICE' });
    const seen = await polling;
    expect(seen).toMatchObject({ state: 'COMPLETE', result: { endResult: 'USER_REFUSED_CERT_CHOICE' } });
    expect(seen.completedAt).toBe(START + 10_000);
  });

  it('keeps the first result when something else ends the session afterwards', async () => {
    const { deps } = await world();
    await endSession(deps, 's-1', { endResult: 'WRONG_VC' });
    const again = await endSession(deps, 's-1', { endResult: 'USER_REFUSED' });
    expect(again.result).toEqual({ endResult: 'WRONG_VC' });
    expect(again.version).toBe(2);
  });

  it('ends with TIMEOUT instead when the answer comes after the session expired', async () => {
    const { deps, advance } = await world();
    advance(120_000);
    expect((await endSession(deps, 's-1', { endResult: 'USER_REFUSED' })).result).toEqual({
      endResult: 'TIMEOUT',
    });
  });

  it('does not know a session that was never created', async () => {
    const { deps } = await world();
    await expect(endSession(deps, 'nope', { endResult: 'USER_REFUSED' })).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    });
  });
});

describe('a refusal on the device', () => {
  it.each([
    [
      'displayTextAndPIN',
      'DISPLAYTEXT_AND_PIN',
      { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'displayTextAndPIN' } },
    ],
    [
      'confirmationMessage',
      'CONFIRMATIONMESSAGE',
      { endResult: 'USER_REFUSED_INTERACTION', details: { interaction: 'confirmationMessage' } },
    ],
    ['confirmationMessage', 'DISPLAYTEXT_AND_PIN', { endResult: 'USER_REFUSED' }],
    [
      'confirmationMessageAndVerificationCodeChoice',
      'VERIFICATION_CODE_CHOICE',
      {
        endResult: 'USER_REFUSED_INTERACTION',
        details: { interaction: 'confirmationMessageAndVerificationCodeChoice' },
      },
    ],
    [
      'confirmationMessageAndVerificationCodeChoice',
      'CONFIRMATIONMESSAGE',
      {
        endResult: 'USER_REFUSED_INTERACTION',
        details: { interaction: 'confirmationMessageAndVerificationCodeChoice' },
      },
    ],
    ['confirmationMessageAndVerificationCodeChoice', 'DISPLAYTEXT_AND_PIN', { endResult: 'USER_REFUSED' }],
  ] as const)('with %s, on the %s screen, ends the session with %j', async (used, screen, expected) => {
    const { deps } = await world(used);
    const ended = await refuseTransaction(deps, refuse(screen));
    expect(ended).toMatchObject({ state: 'COMPLETE', result: expected });
  });

  it('refuses a screen the interaction used does not have, leaving the session running', async () => {
    const { deps } = await world('displayTextAndPIN');
    for (const screen of ['CONFIRMATIONMESSAGE', 'VERIFICATION_CODE_CHOICE'] as const) {
      await expect(refuseTransaction(deps, refuse(screen))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
    expect((await deps.sessions.get('s-1'))?.state).toBe('RUNNING');
  });

  it('is refused from another device, for a session no device took, and after the session ended', async () => {
    const other = await world();
    await expect(
      refuseTransaction(other.deps, refuse('DISPLAYTEXT_AND_PIN', 'dev-stranger-000000000')),
    ).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
    expect((await other.deps.sessions.get('s-1'))?.state).toBe('RUNNING');

    const untaken = await world(null);
    await expect(refuseTransaction(untaken.deps, refuse('DISPLAYTEXT_AND_PIN'))).rejects.toMatchObject({
      code: 'SESSION_NOT_OPEN',
    });

    const ended = await world();
    await endSession(ended.deps, 's-1', { endResult: 'TIMEOUT' });
    await expect(refuseTransaction(ended.deps, refuse('DISPLAYTEXT_AND_PIN'))).rejects.toMatchObject({
      code: 'SESSION_NOT_OPEN',
    });
  });
});
