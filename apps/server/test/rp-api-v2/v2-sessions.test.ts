/**
 * The legacy RP API v2 end to end over real HTTP (spec §8): authentication and signature of the RP's own hash
 * (PKCS#1 v1.5, verified with node:crypto and openssl), the verification code the RP computes from the hash,
 * the three-code choice of `verificationCodeChoice`, certificate choice, v2 endResult names and
 * `interactionFlowUsed`, and the v2 errors (404, 471, 472, 400, 401, 580 with `{code, message}` bodies).
 */

import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, publicDecrypt, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import {
  chooseVerificationCode,
  confirmTransaction,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  refuseTransaction,
  takeTransaction,
} from '@tessera/device';
import { computeV2VerificationCode, type RefuseRequest } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { createBodyMutator } from '../support/mutate-json.js';
import { DEMO_RP, startNotificationAuthentication } from '../support/relying-party.js';

const PIN1 = '2580';
const PIN2 = '14703';
const PERSON = 'PNOLT-38001085718';
let server: TestIdentityServer;
let device: DeviceContext;
let documentNumber: string;

const DIGEST_INFO_PREFIX = {
  SHA256: '3031300d060960864801650304020105000420',
  SHA384: '3041300d060960864801650304020205000430',
  SHA512: '3051300d060960864801650304020305000440',
} as const;
type HashType = keyof typeof DIGEST_INFO_PREFIX;

async function enrol(context: DeviceContext, semanticsIdentifier: string, level: 'QUALIFIED' | 'ADVANCED') {
  const account = await enrolIdentity(context, {
    identity: {
      semanticsIdentifier,
      givenName: 'JONAS',
      surname: 'JONAITIS',
      dateOfBirth: '1980-01-08',
      country: semanticsIdentifier.slice(3, 5),
      level,
    },
    pin1: PIN1,
    pin2: PIN2,
    profile: 'test-2048',
  });
  return account.documentNumber;
}

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server);
  documentNumber = await enrol(device, PERSON, 'QUALIFIED');
}, 60_000);
afterAll(async () => server?.close());

/** Moves the server's clock (and the device's, which reads it) forward. */
const advance = (ms: number) => server.clock.set(new Date(server.clock.now().getTime() + ms));

const hashOf = (hashType: HashType) =>
  createHash(hashType.replace('SHA', 'sha')).update(systemRandom(64)).digest('base64');

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

function hashBody(hashType: HashType, interactions: object[], extra: Record<string, unknown> = {}) {
  return {
    ...DEMO_RP,
    certificateLevel: 'QUALIFIED',
    hash: hashOf(hashType),
    hashType,
    allowedInteractionsOrder: interactions,
    ...extra,
  };
}

async function v2Status(sessionID: string, timeoutMs = 1000) {
  const res = await fetch(`${server.url}/v2/session/${sessionID}?timeoutMs=${timeoutMs}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The device's one offer, taken. */
async function takeOffer(context: DeviceContext = device) {
  const pending = await fetchPendingTransactions(context);
  const offer = pending.offers[0];
  if (offer === undefined) throw new Error('No offer is waiting.');
  const taken = await takeTransaction(context, offer);
  if (taken.view === null) throw new Error('The transaction has no view.');
  return { view: taken.view, verifier: taken.userChallengeVerifier };
}

/** Checks a v2 PKCS#1 v1.5 signature over the RP's hash with node:crypto and with openssl. */
function expectSignatureOverHash(signature: string, certificate: string, hash: string, hashType: HashType) {
  const cert = new X509Certificate(Buffer.from(certificate, 'base64'));
  const key = createPublicKey(cert.publicKey.export({ format: 'pem', type: 'spki' }));
  const recovered = publicDecrypt({ key, padding: 1 }, Buffer.from(signature, 'base64'));
  expect(recovered.toString('hex')).toBe(
    DIGEST_INFO_PREFIX[hashType] + Buffer.from(hash, 'base64').toString('hex'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'tessera-v2-'));
  try {
    writeFileSync(join(dir, 'key.pem'), cert.publicKey.export({ format: 'pem', type: 'spki' }));
    writeFileSync(join(dir, 'hash'), Buffer.from(hash, 'base64'));
    writeFileSync(join(dir, 'sig'), Buffer.from(signature, 'base64'));
    const out = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(dir, 'key.pem'),
      '-in',
      join(dir, 'hash'),
      '-sigfile',
      join(dir, 'sig'),
      '-pkeyopt',
      `digest:${hashType.replace('SHA', 'sha')}`,
    ]).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cert;
}

describe('v2 authentication', () => {
  it.each(['SHA256', 'SHA384', 'SHA512'] as const)(
    'signs the RP hash (%s) with PIN1, shows the code the RP computes, and reports in v2 form',
    async (hashType) => {
      const body = hashBody(hashType, [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]);
      const started = await post(`/v2/authentication/etsi/${PERSON}`, body);
      expect(started.status).toBe(200);
      expect(Object.keys(started.body)).toEqual(['sessionID']);
      const { view } = await takeOffer();
      expect(view.keyPurpose).toBe('authentication');
      expect(view.verificationCode).toBe(computeV2VerificationCode(body.hash));
      expect(await confirmTransaction(device, { view, pin: PIN1 })).toMatchObject({ result: 'OK' });
      const { body: status } = await v2Status(started.body.sessionID as string);
      expect(status).toMatchObject({
        state: 'COMPLETE',
        result: { endResult: 'OK', documentNumber },
        signature: { algorithm: `${hashType.toLowerCase()}WithRSAEncryption` },
        cert: { certificateLevel: 'QUALIFIED' },
        interactionFlowUsed: 'displayTextAndPIN',
      });
      expect(status).not.toHaveProperty('signatureProtocol');
      expect(status).not.toHaveProperty('interactionTypeUsed');
      const cert = expectSignatureOverHash(status.signature.value, status.cert.value, body.hash, hashType);
      expect(cert.subject).toContain(`serialNumber=${PERSON}`);
      // The authentication certificate (Smart-ID authentication EKU), not the signing one.
      expect(cert.keyUsage).toContain('1.3.6.1.4.1.62306.5.7.0');
    },
  );

  it('offers the three-code choice of verificationCodeChoice: the right code lets PIN1 follow, a wrong one is WRONG_VC', async () => {
    const interactions = [{ type: 'verificationCodeChoice', displayText60: 'Log in to DEMO?' }];
    const right = hashBody('SHA512', interactions);
    const first = await post(`/v2/authentication/document/${documentNumber}`, right);
    const { view } = await takeOffer();
    expect(view.interaction.type).toBe('verificationCodeChoice');
    expect(view.verificationCodeChoice).toContain(computeV2VerificationCode(right.hash));
    await chooseVerificationCode(device, view.transactionId, computeV2VerificationCode(right.hash));
    const { view: chosen } = { view: (await fetchPendingTransactions(device)).transactions[0]! };
    expect(await confirmTransaction(device, { view: chosen, pin: PIN1 })).toMatchObject({ result: 'OK' });
    expect((await v2Status(first.body.sessionID as string)).body).toMatchObject({
      result: { endResult: 'OK' },
      interactionFlowUsed: 'verificationCodeChoice',
    });

    const wrong = hashBody('SHA512', interactions);
    const second = await post(`/v2/authentication/document/${documentNumber}`, wrong);
    const { view: offered } = await takeOffer();
    const code = computeV2VerificationCode(wrong.hash);
    await chooseVerificationCode(
      device,
      offered.transactionId,
      offered.verificationCodeChoice!.find((c) => c !== code)!,
    );
    expect((await v2Status(second.body.sessionID as string)).body.result).toEqual({ endResult: 'WRONG_VC' });
  });

  it.each([
    ['displayTextAndPIN', 'displayText60', 'DISPLAYTEXT_AND_PIN', 'USER_REFUSED_DISPLAYTEXTANDPIN'],
    ['verificationCodeChoice', 'displayText60', 'VERIFICATION_CODE_CHOICE', 'USER_REFUSED_VC_CHOICE'],
    ['confirmationMessage', 'displayText200', 'CONFIRMATIONMESSAGE', 'USER_REFUSED_CONFIRMATIONMESSAGE'],
    [
      'confirmationMessageAndVerificationCodeChoice',
      'displayText200',
      'VERIFICATION_CODE_CHOICE',
      'USER_REFUSED_CONFIRMATIONMESSAGE_WITH_VC_CHOICE',
    ],
  ] as const)(
    'a refusal on the %s screen ends with its v2 name',
    async (type, textField, screen, endResult) => {
      const started = await post(
        `/v2/authentication/etsi/${PERSON}`,
        hashBody('SHA256', [{ type, [textField]: 'Log in to DEMO?' }]),
      );
      const { view } = await takeOffer();
      await refuseTransaction(device, view.transactionId, screen as RefuseRequest['screen']);
      expect((await v2Status(started.body.sessionID as string)).body).toEqual({
        state: 'COMPLETE',
        result: { endResult },
      });
    },
  );
});

describe('v2 signature and certificate choice', () => {
  it('chooses the signing certificate, then signs a hash with PIN2 by document number', async () => {
    const choice = await post(`/v2/certificatechoice/etsi/${PERSON}`, {
      ...DEMO_RP,
      certificateLevel: 'QSCD',
    });
    expect(choice.status).toBe(200);
    const pending = await fetchPendingTransactions(device);
    const taken = await takeTransaction(device, pending.offers[0]!);
    expect(taken.certificateChosen).toBe(true);
    const chosen = (await v2Status(choice.body.sessionID as string)).body;
    expect(chosen).toMatchObject({
      state: 'COMPLETE',
      result: { endResult: 'OK', documentNumber },
      cert: {},
    });
    expect(chosen).not.toHaveProperty('signature');

    const body = hashBody('SHA256', [{ type: 'confirmationMessage', displayText200: 'Sign the contract?' }], {
      certificateLevel: 'QSCD',
      nonce: 'contract-1',
    });
    const started = await post(`/v2/signature/document/${chosen.result.documentNumber}`, body);
    const { view } = await takeOffer();
    expect(view.keyPurpose).toBe('signing');
    expect(view.verificationCode).toBe(computeV2VerificationCode(body.hash));
    expect(await confirmTransaction(device, { view, pin: PIN2 })).toMatchObject({ result: 'OK' });
    const status = (await v2Status(started.body.sessionID as string)).body;
    expect(status).toMatchObject({
      result: { endResult: 'OK' },
      signature: { algorithm: 'sha256WithRSAEncryption' },
      interactionFlowUsed: 'confirmationMessage',
    });
    expect(status.cert.value).toBe(chosen.cert.value);
    expectSignatureOverHash(status.signature.value, status.cert.value, body.hash, 'SHA256');
  });

  it('ends TIMEOUT when nobody answers', async () => {
    const started = await post(
      `/v2/signature/etsi/${PERSON}`,
      hashBody('SHA512', [{ type: 'displayTextAndPIN', displayText60: 'Sign?' }]),
    );
    advance(121_000);
    expect((await v2Status(started.body.sessionID as string)).body).toEqual({
      state: 'COMPLETE',
      result: { endResult: 'TIMEOUT' },
    });
    // The offer is gone from the device.
    expect((await fetchPendingTransactions(device)).offers).toEqual([]);
  });
});

describe('v2 errors', () => {
  const auth = () => hashBody('SHA512', [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]);

  it('answers with v2 statuses and {code, message} bodies', async () => {
    const unknown = await post('/v2/authentication/etsi/PNOEE-49001011234', auth());
    expect(unknown).toMatchObject({ status: 404, body: { code: 404 } });
    expect(unknown.type).toMatch(/^application\/json/);
    expect(await post(`/v2/authentication/document/${PERSON}-AAAA-Q`, auth())).toMatchObject({ status: 404 });
    expect(await post(`/v2/authentication/etsi/${PERSON}`, { ...auth(), hashType: 'SHA-512' })).toMatchObject(
      { status: 400, body: { code: 400 } },
    );
    expect(await post(`/v2/authentication/etsi/${PERSON}`, { ...auth(), hash: 'AAAA' })).toMatchObject({
      status: 400,
    });
    expect(
      await post(`/v2/authentication/etsi/${PERSON}`, { ...auth(), allowedInteractionsOrder: 'W10=' }),
    ).toMatchObject({ status: 400 });
    expect(
      await post(`/v2/authentication/etsi/${PERSON}`, { ...auth(), certificateLevel: 'QSCD' }),
    ).toMatchObject({ status: 400 });
    expect(await post(`/v2/authentication/etsi/${PERSON}`, '{"hash":')).toMatchObject({ status: 400 });
    expect(
      await post(`/v2/authentication/etsi/${PERSON}`, {
        ...auth(),
        relyingPartyUUID: '11111111-1111-4111-8111-111111111111',
      }),
    ).toMatchObject({ status: 403, body: { code: 403 } });
    expect((await v2Status('5b2a1c3e-1c0a-4f0e-9a57-2d0c8f9b1a11')).status).toBe(404);
  });

  it('keeps v2 and v3 sessions apart: each is 404 through the other status endpoint', async () => {
    const v2 = await post(`/v2/authentication/etsi/${PERSON}`, auth());
    const v3 = await startNotificationAuthentication(server.url, { etsi: PERSON });
    expect((await fetch(`${server.url}/v3/session/${v2.body.sessionID}?timeoutMs=1000`)).status).toBe(404);
    expect((await v2Status(v3.sessionID)).status).toBe(404);
    expect((await v2Status(v2.body.sessionID as string)).body).toEqual({ state: 'RUNNING' });
    advance(121_000);
  });

  it('says 471 for a person with accounts of another level only, 472 for one whose accounts expired', async () => {
    const basic = headlessDevice(server);
    await enrol(basic, 'PNOLT-38001085729', 'ADVANCED');
    expect(await post('/v2/authentication/etsi/PNOLT-38001085729', auth())).toMatchObject({
      status: 471,
      body: { code: 471 },
    });
    const v3 = await fetch(`${server.url}/v3/authentication/notification/etsi/PNOLT-38001085729`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...DEMO_RP,
        signatureProtocol: 'ACSP_V2',
        signatureProtocolParameters: {
          rpChallenge: Buffer.from(systemRandom(32)).toString('base64'),
          signatureAlgorithm: 'rsassa-pss',
          signatureAlgorithmParameters: { hashAlgorithm: 'SHA-256' },
        },
        interactions: Buffer.from(
          JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]),
        ).toString('base64'),
        vcType: 'numeric4',
      }),
    });
    expect(v3.status).toBe(404);
    expect(((await v3.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'NO_SUITABLE_ACCOUNT_FOUND',
    );

    // Three years and a day later every account of the person has expired: renew in the app.
    const now = server.clock.now().getTime();
    advance(3 * 366 * 24 * 3600 * 1000);
    try {
      expect(await post(`/v2/authentication/etsi/${PERSON}`, auth())).toMatchObject({
        status: 472,
        body: { code: 472 },
      });
    } finally {
      server.clock.set(new Date(now));
    }
  });

  it('answers 580 under maintenance', async () => {
    const down = await startTestIdentityServer({ TESSERA_MAINTENANCE: 'on' });
    try {
      const res = await fetch(`${down.url}/v2/authentication/etsi/${PERSON}`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(580);
    } finally {
      await down.close();
    }
  });

  it.each(['certificatechoice', 'authentication', 'signature'] as const)(
    '/v2/%s never answers 500 random and mutated bodies with a 5xx',
    async (path) => {
      const { variant } = createBodyMutator(path.length);
      const valid =
        path === 'certificatechoice' ? { ...DEMO_RP, certificateLevel: 'QUALIFIED', nonce: 'x' } : auth();
      for (let i = 0; i < 500; i++) {
        const res = await server.app.inject({
          method: 'POST',
          url: `/v2/${path}/etsi/${PERSON}`,
          headers: { 'content-type': 'application/json' },
          payload: (() => {
            const body = variant(i, valid);
            return typeof body === 'string' ? body : JSON.stringify(body);
          })(),
        });
        expect(res.statusCode, `body #${i}`).toBeLessThan(500);
      }
      advance(121_000);
    },
    120_000,
  );
});
