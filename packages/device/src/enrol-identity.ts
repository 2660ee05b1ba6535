import {
  bigintModExp,
  bigintToBytes,
  bitLength,
  bytesToBigint,
  encodeBase64url,
  encodeMessage,
  generateCloneToken,
  generateSplitKey,
  hashMessage,
  type KeyProfile,
  type ModExp,
  maskDeviceShare,
  type SplitKey,
  sealEnvelope,
} from '@tessera/crypto';
import { createCertificationRequest, encodeRsaPublicKey } from '@tessera/pki';
import {
  APP_API_ENDPOINTS,
  buildAppEnvelopeAssociatedData,
  DEVICE_KEY_ALGORITHM,
  type EnrolmentKey,
  type EnrolmentRequest,
  encodeEnrolmentSharePlaintext,
  type KeyPurpose,
  type SandboxIdentityDeclaration,
} from '@tessera/protocol';
import { assertPin } from './assert-pin.js';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData, VaultAccount, VaultKey } from './device-vault.js';
import { fetchServerInfo } from './fetch-server-info.js';
import { importServerEnvelopeKey } from './import-server-envelope-key.js';
import { readEnrolmentResponse } from './read-enrolment-response.js';
import { sendAppRequest } from './send-app-request.js';

/** What enrolment needs besides the context. */
export interface EnrolIdentityInput {
  identity: SandboxIdentityDeclaration;
  pin1: string;
  pin2: string;
  /** RSA key profile; the default is crypto's production profile. */
  profile?: KeyProfile;
  /** Keep the device key as a JWK, for vaults that can store JSON only. Default false (non-extractable). */
  exportableDeviceKey?: boolean;
}

function bytesOf(n: bigint): Uint8Array {
  return bigintToBytes(n, Math.ceil(n.toString(16).length / 2));
}

function newId(context: DeviceContext): string {
  return encodeBase64url(context.random(16));
}

async function createDevice(
  context: DeviceContext,
  exportable: boolean,
  serverEnvelopePublicKeyJwk: JsonWebKey,
): Promise<DeviceVaultData> {
  const pair = (await globalThis.crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, exportable, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKeyJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  const privateKey = exportable
    ? await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)
    : pair.privateKey;
  return {
    deviceId: newId(context),
    serverEnvelopePublicKeyJwk,
    deviceKey: { privateKey, publicKeyJwk },
    accounts: [],
  };
}

/**
 * The key's certification request, signed with the whole key while the device still holds both shares
 * (`s = EM^d_dev · EM^d_srv mod n`), and the device's half `y = EM^d_dev` of that signature, which the
 * server completes with its share to check the split before it stores anything.
 */
async function certifyRequest(split: SplitKey, identity: SandboxIdentityDeclaration, modExp: ModExp) {
  const n = split.publicKey.modulus;
  const k = Math.ceil(bitLength(n) / 8);
  let partial: Uint8Array = new Uint8Array();
  const certificationRequest = await createCertificationRequest({
    subject: [{ type: 'CN', value: `${identity.surname},${identity.givenName}` }],
    signer: {
      algorithm: 'RSA_PKCS1_SHA256',
      publicKey: encodeRsaPublicKey(bytesOf(n), bytesOf(split.publicKey.publicExponent)),
      async sign(data) {
        const em = encodeMessage({
          encoding: 'pkcs1-v1_5',
          algorithm: 'SHA-256',
          digest: hashMessage('SHA-256', data),
          modulusBits: bitLength(n),
        });
        const base = bytesToBigint(em);
        const y = modExp.bind(n, split.deviceShare).pow(base);
        const ySrv = modExp.bind(n, split.serverShare).pow(base);
        partial = bigintToBytes(y, k);
        return bigintToBytes((y * ySrv) % n, k);
      },
    },
  });
  return { certificationRequest, partial };
}

/**
 * Enrols a sandbox identity: checks both PINs, learns the server's envelope key, creates the device key on
 * first use, generates the authentication and signing split keys, signs a certification request for each
 * while it still holds both shares, masks each device share with its PIN, seals each server share with a
 * fresh clone token (and the device's half of the request's signature) to the server, and stores the active
 * account with its certificates. The PINs, the device shares and the private exponents are dropped; only
 * masked shares reach the vault.
 */
export async function enrolIdentity(
  context: DeviceContext,
  input: EnrolIdentityInput,
): Promise<VaultAccount> {
  const prepared = await prepareEnrolment(context, input);
  return prepared.finish(
    await sendAppRequest(context, prepared.vaultData, {
      method: APP_API_ENDPOINTS.enrol.method,
      path: APP_API_ENDPOINTS.enrol.path,
      body: JSON.stringify(prepared.request),
    }),
  );
}

/** An enrolment request built and not sent yet, and how to store its account from the server's answer. */
export interface PreparedEnrolment {
  readonly request: EnrolmentRequest;
  /** The vault as it will be saved (with the device key the request must be signed with). */
  readonly vaultData: DeviceVaultData;
  /** Reads the server's answer (an `EnrolmentResponse`) and saves the active account to the vault. */
  finish(answer: unknown): Promise<VaultAccount>;
}

/**
 * The device's side of `enrolIdentity` without the sending: everything up to the request, and the storing of
 * the account after it. The sandbox's simulated devices use it to hand the request to the server in process.
 */
export async function prepareEnrolment(
  context: DeviceContext,
  input: EnrolIdentityInput,
): Promise<PreparedEnrolment> {
  assertPin(input.pin1, 'authentication');
  assertPin(input.pin2, 'signing');
  const server = await fetchServerInfo(context);
  const data =
    (await context.vault.load()) ??
    (await createDevice(context, input.exportableDeviceKey ?? false, server.envelopePublicKeyJwk));
  data.serverEnvelopePublicKeyJwk = server.envelopePublicKeyJwk;
  const serverEnvelopePublicKey = await importServerEnvelopeKey(data);
  const wireKeys: EnrolmentKey[] = [];
  const vaultKeys: Omit<VaultKey, 'keyId' | 'certificate'>[] = [];
  const pins: Record<KeyPurpose, string> = { authentication: input.pin1, signing: input.pin2 };
  for (const purpose of ['authentication', 'signing'] as const) {
    const maskId = newId(context);
    const split = await generateSplitKey({
      random: context.random,
      ...(input.profile === undefined ? {} : { profile: input.profile }),
    });
    const { certificationRequest, partial } = await certifyRequest(
      split,
      input.identity,
      context.modExp ?? bigintModExp,
    );
    const masked = maskDeviceShare({
      deviceShare: split.deviceShare,
      bits: split.deviceShareBits,
      pin: pins[purpose],
      keyId: maskId,
      random: context.random,
    });
    const cloneToken = generateCloneToken(context.random);
    const serverShareBytes = bytesOf(split.serverShare);
    const plaintext = encodeEnrolmentSharePlaintext({
      serverShare: serverShareBytes,
      cloneToken,
      partialSignature: partial,
    });
    const sealed = await sealEnvelope({
      recipientPublicKey: serverEnvelopePublicKey,
      plaintext,
      associatedData: buildAppEnvelopeAssociatedData({ kind: 'enrolment', deviceId: data.deviceId, purpose }),
      random: context.random,
    });
    plaintext.fill(0);
    serverShareBytes.fill(0);
    partial.fill(0);
    const modulus = encodeBase64url(bytesOf(split.publicKey.modulus));
    const publicExponent = encodeBase64url(bytesOf(split.publicKey.publicExponent));
    wireKeys.push({
      purpose,
      modulus,
      publicExponent,
      certificationRequest: encodeBase64url(certificationRequest),
      sealedServerShare: encodeBase64url(sealed),
    });
    vaultKeys.push({
      purpose,
      modulus,
      publicExponent,
      maskedShare: {
        version: 1,
        keyId: maskId,
        bits: masked.bits,
        salt: encodeBase64url(masked.salt),
        masked: encodeBase64url(masked.masked),
      },
      cloneToken: encodeBase64url(cloneToken),
      pendingRequest: null,
    });
  }
  const request: EnrolmentRequest = {
    deviceId: data.deviceId,
    devicePublicKeyJwk: data.deviceKey.publicKeyJwk,
    identity: input.identity,
    keys: wireKeys,
  };
  return {
    request,
    vaultData: data,
    finish: (answer) => storeEnrolledAccount(context, data, input, vaultKeys, answer),
  };
}

async function storeEnrolledAccount(
  context: DeviceContext,
  data: DeviceVaultData,
  input: EnrolIdentityInput,
  vaultKeys: readonly Omit<VaultKey, 'keyId' | 'certificate'>[],
  response: unknown,
): Promise<VaultAccount> {
  const answer = readEnrolmentResponse(response);
  const account: VaultAccount = {
    documentNumber: answer.documentNumber,
    identity: input.identity,
    keys: vaultKeys.map((key) => {
      const enrolled = answer.keys.find((k) => k.purpose === key.purpose);
      if (enrolled === undefined) {
        throw new DeviceError('INVALID_RESPONSE', `The enrolment response lacks the ${key.purpose} key.`);
      }
      return { ...key, keyId: enrolled.keyId, certificate: enrolled.certificate };
    }),
  };
  data.accounts.push(account);
  await context.vault.save(data);
  return account;
}
