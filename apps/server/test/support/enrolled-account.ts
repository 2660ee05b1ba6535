/**
 * An enrolled, certified account for server tests: its two keys split between a simulated device (TestDevice)
 * and the server, each certified from a CSR signed through the two-party protocol by the CA under test.
 */
import { createPublicKey } from 'node:crypto';
import {
  type Account,
  type AccountKeyStore,
  type AccountStore,
  attemptSignature,
  type Clock,
  certifyAccountKey,
  enrolAccount,
  type KeyShareVault,
} from '@tessera/core';
import {
  bigintToBytes,
  bitLength,
  completeOnCallingThread,
  encodeBase64url,
  systemRandom,
} from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { createCertificationRequest, type Signer } from '@tessera/pki';
import { generateTestKey, TestDevice } from '@tessera/test-support';
import { asCertificateIssuer } from '../../src/ca/as-certificate-issuer.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';

/** The stores and ports an enrolment touches. */
export interface EnrolmentWorld {
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly vault: KeyShareVault;
  readonly clock: Clock;
  readonly ca: CertificateAuthority;
}

let tx = 0;

/** The key's SubjectPublicKeyInfo, as the device puts it into its CSR. */
export function subjectPublicKeyInfo(modulus: bigint): Uint8Array {
  const n = encodeBase64url(bigintToBytes(modulus, Math.ceil(bitLength(modulus) / 8)));
  return new Uint8Array(
    createPublicKey({ key: { kty: 'RSA', n, e: 'AQAB' }, format: 'jwk' }).export({
      type: 'spki',
      format: 'der',
    }),
  );
}

/** A pki Signer whose every signature is one two-party signing attempt of `device` under `pin`. */
export function twoPartySigner(world: EnrolmentWorld, device: TestDevice, pin: string): Signer {
  return {
    algorithm: 'RSA_PKCS1_SHA256',
    publicKey: subjectPublicKeyInfo(device.modulus),
    async sign(data) {
      const deps = {
        keys: world.keys,
        vault: world.vault,
        completer: completeOnCallingThread(createOpensslModExp()),
        clock: world.clock,
        random: systemRandom,
      };
      const outcome = await device.sign(
        (request) => attemptSignature(deps, request).then((a) => a.outcome),
        `enrol-${++tx}`,
        data,
        pin,
      );
      if (outcome.outcome !== 'OK')
        throw new Error(`The two-party signature was refused: ${outcome.outcome}.`);
      return outcome.signature;
    },
  };
}

/** Enrols `identity` on a new simulated device and certifies both keys; the account ends active. */
export async function enrolCertifiedAccount(
  world: EnrolmentWorld,
  identity: Account['identity'],
  pins: { pin1: string; pin2: string },
): Promise<{ account: Account; authDevice: TestDevice; signDevice: TestDevice }> {
  const [authKey, signKey] = [generateTestKey(), generateTestKey()];
  const draft = {
    auth: TestDevice.enrol('auth', authKey, pins.pin1),
    sign: TestDevice.enrol('sign', signKey, pins.pin2),
  };
  const material = (key: typeof authKey, device: TestDevice) => ({
    modulus: key.modulus,
    publicExponent: key.publicExponent,
    serverShare: key.serverShare,
    firstCloneToken: device.token,
  });
  const account = await enrolAccount(
    { ...world, random: systemRandom },
    {
      deviceId: `device-${++tx}`,
      identity,
      level: 'QUALIFIED',
      keys: { authentication: material(authKey, draft.auth), signing: material(signKey, draft.sign) },
      allowedModulusBits: [2048],
    },
  );
  const authDevice = new TestDevice(
    account.authenticationKeyId,
    authKey.modulus,
    draft.auth.maskedShare,
    draft.auth.token,
  );
  const signDevice = new TestDevice(
    account.signingKeyId,
    signKey.modulus,
    draft.sign.maskedShare,
    draft.sign.token,
  );
  for (const [purpose, device, pin] of [
    ['authentication', authDevice, pins.pin1],
    ['signing', signDevice, pins.pin2],
  ] as const) {
    const csr = await createCertificationRequest({
      subject: [{ type: 'CN', value: `${identity.surname},${identity.givenName}` }],
      signer: twoPartySigner(world, device, pin),
    });
    await certifyAccountKey(
      { accounts: world.accounts, keys: world.keys, issuer: asCertificateIssuer(world.ca) },
      { documentNumber: account.documentNumber, purpose, csr },
    );
  }
  return { account: (await world.accounts.get(account.documentNumber))!, authDevice, signDevice };
}
