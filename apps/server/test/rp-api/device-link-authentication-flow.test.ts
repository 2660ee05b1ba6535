/**
 * A whole QR login through the real pieces: the RP starts a session over HTTP, shows a QR device link, the
 * (simulated) device opens it, rebuilds the ACSP_V2 payload from what it shows, checks the server's EM encodes
 * it, and answers with its PIN1 share; the server completes the signature, and the RP's long-poll gets the
 * spec's OK result, which the official Java client's checks accept and node:crypto verifies.
 */
import { constants, createVerify, X509Certificate } from 'node:crypto';
import {
  completeAuthentication,
  createSessionWaiter,
  createSoftwareKeyShareVault,
  openAuthenticationDeviceLink,
  SANDBOX_DEMO_RELYING_PARTY,
  systemClock,
} from '@tessera/core';
import { decodeBase64url, hashMessage, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import {
  buildAcspV2Payload,
  buildDeviceLink,
  computeUserChallenge,
  DEFAULT_SCHEME_NAME,
  generateUserChallengeVerifier,
  type HashAlgorithm,
  validateSessionStatusResponse,
} from '@tessera/protocol';
import { openStore, type Store } from '@tessera/store';
import type { TestDevice } from '@tessera/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { type EnrolmentWorld, enrolCertifiedAccount } from '../support/enrolled-account.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';
import { testConfig } from '../support/test-config.js';

const PIN1 = '5812';
const DEVICE_LINK_BASE = 'http://127.0.0.1:8080/device-link';
const INTERACTIONS = Buffer.from(
  JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Log in to DEMO?' }]),
).toString('base64');

let software: SoftwareCa;
let ca: CertificateAuthority;
let store: Store;
let app: FastifyInstance;
let world: EnrolmentWorld;
let device: TestDevice;
let documentNumber: string;
const waiter = createSessionWaiter();

beforeAll(async () => {
  software = await createSoftwareCa(testClock(new Date()));
  ca = await software.open();
  store = await openStore();
  await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
  const vault = await createSoftwareKeyShareVault(systemRandom(32), systemRandom);
  world = { accounts: store.accounts, keys: store.keys, vault, clock: systemClock, ca };
  const enrolled = await enrolCertifiedAccount(
    world,
    {
      semanticsIdentifier: 'PNOEE-30303039914',
      givenName: 'OK',
      surname: 'TESTNUMBER',
      country: 'EE',
      dateOfBirth: '1903-03-03',
    },
    { pin1: PIN1, pin2: '73920' },
  );
  device = enrolled.authDevice;
  documentNumber = enrolled.account.documentNumber;
  app = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), {
    ca,
    rpApi: { ...store, waiter, clock: systemClock, random: systemRandom },
  });
}, 90_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  await ca?.close();
  await software?.cleanup();
});

const deps = () => ({
  sessions: store.sessions,
  accounts: store.accounts,
  keys: store.keys,
  waiter,
  clock: systemClock,
  random: systemRandom,
  schemeName: DEFAULT_SCHEME_NAME,
  deviceLinkBase: DEVICE_LINK_BASE,
  vault: world.vault,
  modExp: createOpensslModExp(),
});

/** The RP's side: start a session and make the QR link, as an integrator's backend does. */
async function startSession(hashAlgorithm: HashAlgorithm = 'SHA3-512') {
  const rpChallenge = Buffer.from(systemRandom(64)).toString('base64');
  const res = await app.inject({
    method: 'POST',
    url: '/v3/authentication/device-link/anonymous',
    payload: {
      relyingPartyUUID: SANDBOX_DEMO_RELYING_PARTY.id,
      relyingPartyName: 'DEMO',
      signatureProtocol: 'ACSP_V2',
      signatureProtocolParameters: {
        rpChallenge,
        signatureAlgorithm: 'rsassa-pss',
        signatureAlgorithmParameters: { hashAlgorithm },
      },
      interactions: INTERACTIONS,
    },
  });
  expect(res.statusCode).toBe(200);
  const { sessionID, sessionToken, sessionSecret, deviceLinkBase } = res.json();
  const link = buildDeviceLink(
    {
      deviceLinkBase,
      sessionToken,
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
      interactions: INTERACTIONS,
    },
    sessionSecret,
  );
  return { sessionID: sessionID as string, link, rpChallenge };
}

/** The device's side, first step: open the link and rebuild what it shows into the payload it will sign. */
async function open(link: string) {
  const verifier = generateUserChallengeVerifier(systemRandom);
  const opened = await openAuthenticationDeviceLink(deps(), {
    link,
    documentNumber,
    userChallenge: computeUserChallenge(verifier),
    supportedInteractions: ['displayTextAndPIN', 'confirmationMessage'],
  });
  if (opened.outcome !== 'TRANSACTION') throw new Error(opened.outcome);
  const t = opened.transaction;
  const payload = buildAcspV2Payload({
    schemeName: DEFAULT_SCHEME_NAME,
    serverRandom: t.serverRandom,
    rpChallenge: opened.rpChallenge,
    userChallenge: t.userChallenge,
    relyingPartyName: opened.relyingPartyName,
    interactions: opened.interactions,
    interactionTypeUsed: opened.interaction.type,
    initialCallbackUrl: opened.initialCallbackUrl,
    flowType: t.flowType,
  });
  return { opened, verifier, payload };
}

/** The device's side, second step: check the server's EM against its own payload hash and answer with `pin`. */
async function respond({ opened, payload }: Awaited<ReturnType<typeof open>>, pin: string) {
  if (opened.outcome !== 'TRANSACTION') throw new Error(opened.outcome);
  const hash = opened.transaction.hashAlgorithm as HashAlgorithm;
  const request = device.requestForEncodedMessage(
    opened.sessionId,
    decodeBase64url(opened.transaction.encodedMessage),
    { encoding: 'pss', algorithm: hash, digest: hashMessage(hash, payload) },
    pin,
  );
  const outcome = await completeAuthentication(deps(), {
    sessionId: opened.sessionId,
    partialSignature: request.partialSignature,
    presentedToken: request.presentedToken,
    requestBytes: request.requestBytes,
  });
  device.accept(request, outcome);
  return outcome;
}

describe('a QR login with a two-party authentication key', () => {
  it('completes with the spec OK result, which the Java client checks accept and node:crypto verifies', async () => {
    const { sessionID, link, rpChallenge } = await startSession('SHA3-512');
    const polled = app.inject({ method: 'GET', url: `/v3/session/${sessionID}?timeoutMs=30000` });
    const transaction = await open(link);
    const { verifier, payload } = transaction;
    expect((await respond(transaction, PIN1)).outcome).toBe('OK');
    const status = (await polled).json();
    const parsed = validateSessionStatusResponse(status);
    expect(parsed.state).toBe('COMPLETE');
    expect(status.result).toEqual({ endResult: 'OK', documentNumber });
    expect(status.signature).toMatchObject({ flowType: 'QR', signatureAlgorithm: 'rsassa-pss' });
    expect(status.signature.userChallenge).toBe(computeUserChallenge(verifier));
    expect(status.interactionTypeUsed).toBe('displayTextAndPIN');
    expect(payload.length).toBeGreaterThan(0);
    // The RP's verification: rebuild the payload from its own values and the response, check under the cert.
    const rpPayload = buildAcspV2Payload({
      schemeName: DEFAULT_SCHEME_NAME,
      serverRandom: status.signature.serverRandom,
      rpChallenge,
      userChallenge: status.signature.userChallenge,
      relyingPartyName: 'DEMO',
      interactions: INTERACTIONS,
      interactionTypeUsed: status.interactionTypeUsed,
      flowType: status.signature.flowType,
    });
    const cert = new X509Certificate(Buffer.from(status.cert.value, 'base64'));
    expect(cert.subject).toContain('serialNumber=PNOEE-30303039914');
    const verified = createVerify('sha3-512')
      .update(rpPayload)
      .verify(
        { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
        Buffer.from(status.signature.value, 'base64'),
      );
    expect(verified).toBe(true);
  });

  it('tells the device a wrong PIN and keeps the session running; the right PIN then completes it', async () => {
    const { sessionID, link } = await startSession('SHA-256');
    const transaction = await open(link);
    expect(await respond(transaction, '0000')).toMatchObject({
      outcome: 'WRONG_PIN',
      wrongAttempts: 1,
      attemptsLeftBeforeNextLock: 2,
    });
    expect((await store.sessions.get(sessionID))?.state).toBe('RUNNING');
    expect((await respond(transaction, PIN1)).outcome).toBe('OK');
    const res = await app.inject({ method: 'GET', url: `/v3/session/${sessionID}?timeoutMs=1000` });
    expect(res.json()).toMatchObject({ state: 'COMPLETE', result: { endResult: 'OK', documentNumber } });
    expect((await store.keys.get(device.keyId))?.lock.wrongAttempts).toBe(0);
  });

  it('lets only one device take a session', async () => {
    const { link } = await startSession();
    await open(link);
    await expect(open(link)).rejects.toMatchObject({ code: 'SESSION_NOT_OPEN' });
  });

  it('refuses a link whose authCode does not match, and ends the session when the app lacks the interaction', async () => {
    const { link, sessionID } = await startSession();
    const forged = `${link.slice(0, -4)}AAAA`;
    await expect(
      openAuthenticationDeviceLink(deps(), {
        link: forged,
        documentNumber,
        userChallenge: computeUserChallenge(generateUserChallengeVerifier(systemRandom)),
        supportedInteractions: ['displayTextAndPIN'],
      }),
    ).rejects.toMatchObject({ code: 'AUTH_CODE_MISMATCH' });
    const unsupported = await openAuthenticationDeviceLink(deps(), {
      link,
      documentNumber,
      userChallenge: computeUserChallenge(generateUserChallengeVerifier(systemRandom)),
      supportedInteractions: ['confirmationMessage'],
    });
    expect(unsupported).toEqual({ outcome: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' });
    const res = await app.inject({ method: 'GET', url: `/v3/session/${sessionID}?timeoutMs=1000` });
    expect(res.json()).toEqual({
      state: 'COMPLETE',
      result: { endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' },
    });
  });
});

describe('an account deleted while its device holds a transaction', () => {
  it('cannot complete the session, even with the right PIN', async () => {
    const { link } = await startSession();
    const transaction = await open(link);
    await store.accounts.update(documentNumber, (a) => ({ ...a, state: 'deleted' }));
    try {
      await expect(respond(transaction, PIN1)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_USABLE' });
    } finally {
      await store.accounts.update(documentNumber, (a) => ({ ...a, state: 'active' }));
    }
  });
});
