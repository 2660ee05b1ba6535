/**
 * RP API v3 signing (endpoints 6–9, RAW_DIGEST_SIGNATURE) end to end over real HTTP: the RP sends the digest of
 * its document, the person's device shows it and signs with PIN2 through the two-party protocol, and the result
 * verifies with node:crypto and openssl against the signing certificate, for PSS and PKCS#1 v1.5, by device link (QR and
 * Web2App with its callback) and by notification with the server's verification code.
 */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { systemRandom } from '@tessera/crypto';
import {
  confirmTransaction,
  type DeviceContext,
  enrolIdentity,
  fetchPendingTransactions,
  takeTransaction,
} from '@tessera/device';
import {
  buildDeviceLink,
  computeSessionSecretDigest,
  DEFAULT_SCHEME_NAME,
  readCallbackParameters,
} from '@tessera/protocol';
import { openssl, tempFiles } from '@tessera/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDevice } from '../support/headless-device.js';
import { startTestIdentityServer, type TestIdentityServer } from '../support/identity-server.js';
import { DEMO_RP, LOGIN_INTERACTIONS, pollSession } from '../support/relying-party.js';

const PIN1 = '4821';
const PIN2 = '73920';
const DOCUMENT = new TextEncoder().encode(
  'I agree to the terms of the demo relying party, 22 November 2026.',
);
let server: TestIdentityServer;
/** Each signature request its own nonce: identical requests within 15 s would share a session (spec §1). */
let nonces = 0;
const nextNonce = () => `n${++nonces}`;
let device: DeviceContext;
let documentNumber: string;
let signingCertificate: X509Certificate;

beforeAll(async () => {
  server = await startTestIdentityServer();
  device = headlessDevice(server);
  const account = await enrolIdentity(device, {
    identity: {
      semanticsIdentifier: 'PNOEE-40504040001',
      givenName: 'JAAK-KRISTJAN',
      surname: 'JÕEORG',
      dateOfBirth: '1905-04-04',
      country: 'EE',
      level: 'QUALIFIED',
    },
    pin1: PIN1,
    pin2: PIN2,
    profile: 'test-2048',
  });
  documentNumber = account.documentNumber;
  const signing = account.keys.find((k) => k.purpose === 'signing')!;
  signingCertificate = new X509Certificate(Buffer.from(signing.certificate, 'base64url'));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

type Algorithm =
  | 'rsassa-pss'
  | 'sha256WithRSAEncryption'
  | 'sha384WithRSAEncryption'
  | 'sha512WithRSAEncryption';
const NODE_HASH = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
} as const;

function parametersFor(algorithm: Algorithm, hash: keyof typeof NODE_HASH) {
  const digest = createHash(NODE_HASH[hash]).update(DOCUMENT).digest('base64');
  return {
    digest,
    signatureAlgorithm: algorithm,
    ...(algorithm === 'rsassa-pss' ? { signatureAlgorithmParameters: { hashAlgorithm: hash } } : {}),
  };
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<Record<string, string> & { vc?: { type: string; value: string } }>;
}

/** The RP's check: the signature over its document verifies with the signing certificate (node:crypto and openssl). */
async function expectSignedDocument(status: unknown, algorithm: Algorithm, hash: keyof typeof NODE_HASH) {
  const s = status as {
    signatureProtocol: string;
    signature: {
      value: string;
      signatureAlgorithm: string;
      signatureAlgorithmParameters?: { saltLength: number };
    };
    cert: { value: string };
  };
  expect(s.signatureProtocol).toBe('RAW_DIGEST_SIGNATURE');
  expect(s.signature.signatureAlgorithm).toBe(algorithm);
  expect(s.signature).not.toHaveProperty('serverRandom');
  expect(new X509Certificate(Buffer.from(s.cert.value, 'base64')).raw).toEqual(signingCertificate.raw);
  const pss = algorithm === 'rsassa-pss';
  const ok = verify(
    NODE_HASH[hash],
    DOCUMENT,
    pss
      ? {
          key: signingCertificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: s.signature.signatureAlgorithmParameters!.saltLength,
        }
      : { key: signingCertificate.publicKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(s.signature.value, 'base64'),
  );
  expect(ok).toBe(true);
  const files = tempFiles();
  try {
    const result = await openssl([
      'dgst',
      `-${NODE_HASH[hash]}`,
      '-verify',
      files.path('key.pem', signingCertificate.publicKey.export({ type: 'spki', format: 'pem' }) as string),
      '-signature',
      files.path('signature.bin', Buffer.from(s.signature.value, 'base64')),
      ...(pss
        ? [
            '-sigopt',
            'rsa_padding_mode:pss',
            '-sigopt',
            `rsa_pss_saltlen:${s.signature.signatureAlgorithmParameters!.saltLength}`,
          ]
        : []),
      files.path('document.bin', DOCUMENT),
    ]);
    expect(result.stdout, result.stderr).toContain('Verified OK');
  } finally {
    files.cleanup();
  }
}

function signLink(
  started: Record<string, string>,
  digest: string,
  type: 'QR' | 'Web2App',
  initialCallbackUrl?: string,
) {
  return buildDeviceLink(
    {
      deviceLinkBase: started.deviceLinkBase!,
      sessionToken: started.sessionToken!,
      sessionType: 'sign',
      lang: 'est',
      ...(type === 'QR' ? { deviceLinkType: 'QR' as const, elapsedSeconds: 0 } : { deviceLinkType: type }),
    },
    {
      sessionType: 'sign',
      schemeName: DEFAULT_SCHEME_NAME,
      relyingPartyName: 'DEMO',
      digest,
      interactions: LOGIN_INTERACTIONS,
      ...(initialCallbackUrl === undefined ? {} : { initialCallbackUrl }),
    },
    started.sessionSecret!,
  );
}

describe('signing by device link', () => {
  it.each([
    ['rsassa-pss', 'SHA-256'],
    ['rsassa-pss', 'SHA3-512'],
    ['sha256WithRSAEncryption', 'SHA-256'],
    ['sha384WithRSAEncryption', 'SHA-384'],
    ['sha512WithRSAEncryption', 'SHA-512'],
  ] as const)('signs the digest with PIN2: %s %s, verified with node:crypto', async (algorithm, hash) => {
    const parameters = parametersFor(algorithm, hash);
    const started = await post(`/v3/signature/device-link/document/${documentNumber}`, {
      ...DEMO_RP,
      signatureProtocol: 'RAW_DIGEST_SIGNATURE',
      nonce: nextNonce(),
      signatureProtocolParameters: parameters,
      interactions: LOGIN_INTERACTIONS,
    });
    const { view } = await takeTransaction(device, {
      deviceLink: signLink(started, parameters.digest, 'QR'),
    });
    expect(view).toMatchObject({ keyPurpose: 'signing', signedContent: { kind: 'digest', flowType: 'QR' } });
    // PIN1 (4 digits) is not even a PIN2; another PIN2 is wrong, and counted for the signing key only.
    await expect(confirmTransaction(device, { view: view!, pin: PIN1 })).rejects.toMatchObject({
      code: 'INVALID_PIN_FORMAT',
    });
    expect(await confirmTransaction(device, { view: view!, pin: '00000' })).toMatchObject({
      result: 'WRONG_PIN',
    });
    expect(await confirmTransaction(device, { view: view!, pin: PIN2 })).toMatchObject({ result: 'OK' });
    const status = await pollSession(server.url, started.sessionID!);
    expect(status).toMatchObject({ result: { endResult: 'OK', documentNumber } });
    await expectSignedDocument(status, algorithm, hash);
  });

  it('by Web2App opens the callback with sessionSecretDigest only (no userChallengeVerifier)', async () => {
    const parameters = parametersFor('rsassa-pss', 'SHA-512');
    const initialCallbackUrl = 'https://rp.example.com/signed?value=Xy1';
    const started = await post(`/v3/signature/device-link/etsi/PNOEE-40504040001`, {
      ...DEMO_RP,
      signatureProtocol: 'RAW_DIGEST_SIGNATURE',
      nonce: nextNonce(),
      signatureProtocolParameters: parameters,
      interactions: LOGIN_INTERACTIONS,
      initialCallbackUrl,
    });
    const taken = await takeTransaction(device, {
      deviceLink: signLink(started, parameters.digest, 'Web2App', initialCallbackUrl),
    });
    const answer = await confirmTransaction(device, {
      view: taken.view!,
      pin: PIN2,
      userChallengeVerifier: taken.userChallengeVerifier,
    });
    expect(readCallbackParameters(answer.callbackUrl!)).toEqual({
      sessionSecretDigest: computeSessionSecretDigest(started.sessionSecret!),
    });
    await expectSignedDocument(await pollSession(server.url, started.sessionID!), 'rsassa-pss', 'SHA-512');
  });
});

describe('signing by notification', () => {
  it('answers the server-drawn verification code, which the device shows; PIN2 signs', async () => {
    const parameters = parametersFor('rsassa-pss', 'SHA-384');
    const started = await post('/v3/signature/notification/etsi/PNOEE-40504040001', {
      ...DEMO_RP,
      signatureProtocol: 'RAW_DIGEST_SIGNATURE',
      signatureProtocolParameters: parameters,
      interactions: LOGIN_INTERACTIONS,
      nonce: Buffer.from(systemRandom(9)).toString('base64'),
    });
    expect(started.vc).toEqual({ type: 'numeric4', value: expect.stringMatching(/^\d{4}$/) });
    const pending = await fetchPendingTransactions(device, { waitMs: 5000 });
    const offer = pending.offers[0]!;
    const { view } = await takeTransaction(device, {
      transactionId: offer.transactionId,
      documentNumbers: offer.documentNumbers,
    });
    expect(view).toMatchObject({ keyPurpose: 'signing', verificationCode: started.vc!.value });
    expect(await confirmTransaction(device, { view: view!, pin: PIN2 })).toMatchObject({ result: 'OK' });
    const status = await pollSession(server.url, started.sessionID!);
    expect(status).toMatchObject({ signature: { flowType: 'Notification' } });
    await expectSignedDocument(status, 'rsassa-pss', 'SHA-384');
  });
});

describe('the signing certificate (endpoint 11)', () => {
  const ask = (document: string, body: Record<string, unknown> = {}) =>
    fetch(`${server.url}/v3/signature/certificate/${document}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...DEMO_RP, ...body }),
    });

  it("answers the account's signing certificate at once", async () => {
    const res = await ask(documentNumber, { certificateLevel: 'QSCD' });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { state: string; cert: { value: string; certificateLevel: string } };
    expect(json.state).toBe('OK');
    expect(json.cert.certificateLevel).toBe('QUALIFIED');
    expect(new X509Certificate(Buffer.from(json.cert.value, 'base64')).raw).toEqual(signingCertificate.raw);
  });

  it('answers 404 for an unknown document, and DOCUMENT_UNUSABLE while PIN2 is locked', async () => {
    expect((await ask('PNOEE-40504040001-ZZZZ-Q')).status).toBe(404);
    const start = server.clock.now();
    try {
      for (let i = 0; i < 3; i++) {
        const parameters = parametersFor('rsassa-pss', 'SHA-256');
        const started = await post(`/v3/signature/device-link/document/${documentNumber}`, {
          ...DEMO_RP,
          signatureProtocol: 'RAW_DIGEST_SIGNATURE',
          nonce: nextNonce(),
          signatureProtocolParameters: parameters,
          interactions: LOGIN_INTERACTIONS,
        });
        const { view } = await takeTransaction(device, {
          deviceLink: signLink(started, parameters.digest, 'QR'),
        });
        expect(await confirmTransaction(device, { view: view!, pin: '00000' })).toMatchObject({
          result: 'WRONG_PIN',
        });
      }
      expect(await (await ask(documentNumber)).json()).toEqual({ state: 'DOCUMENT_UNUSABLE' });
      server.clock.set(new Date(start.getTime() + 3 * 3600_000 + 1000));
      expect(((await (await ask(documentNumber)).json()) as { state: string }).state).toBe('OK');
    } finally {
      server.clock.set(start);
    }
  });
});
