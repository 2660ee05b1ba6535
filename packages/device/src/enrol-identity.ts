import {
  bigintToBytes,
  encodeBase64url,
  encodeLengthPrefixed,
  generateCloneToken,
  generateSplitKey,
  type KeyProfile,
  maskDeviceShare,
  sealEnvelope,
} from '@tessera/crypto';
import {
  APP_API_ENDPOINTS,
  buildAppEnvelopeAssociatedData,
  DEVICE_KEY_ALGORITHM,
  type EnrolmentKey,
  type EnrolmentRequest,
  type KeyPurpose,
  type SandboxIdentityDeclaration,
} from '@tessera/protocol';
import { assertPin } from './assert-pin.js';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData, VaultAccount, VaultKey } from './device-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** What enrolment needs besides the context. */
export interface EnrolIdentityInput {
  identity: SandboxIdentityDeclaration;
  pin1: string;
  pin2: string;
  /** The server's ECDH P-256 envelope public key. */
  serverEnvelopePublicKey: CryptoKey;
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

async function createDevice(context: DeviceContext, exportable: boolean): Promise<DeviceVaultData> {
  const pair = (await globalThis.crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, exportable, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKeyJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
  const privateKey = exportable
    ? await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)
    : pair.privateKey;
  return { deviceId: newId(context), deviceKey: { privateKey, publicKeyJwk }, accounts: [] };
}

/**
 * Enrols a sandbox identity: checks both PINs, creates the device key on first use, generates the
 * authentication and signing split keys, masks each device share with its PIN, seals each server share
 * with a fresh clone token to the server envelope key, registers them, and stores the account. The PINs,
 * the device shares and the private exponents are dropped; only masked shares reach the vault.
 */
export async function enrolIdentity(
  context: DeviceContext,
  input: EnrolIdentityInput,
): Promise<VaultAccount> {
  assertPin(input.pin1, 'authentication');
  assertPin(input.pin2, 'signing');
  const data =
    (await context.vault.load()) ?? (await createDevice(context, input.exportableDeviceKey ?? false));
  const wireKeys: EnrolmentKey[] = [];
  const vaultKeys: VaultKey[] = [];
  const pins: Record<KeyPurpose, string> = { authentication: input.pin1, signing: input.pin2 };
  for (const purpose of ['authentication', 'signing'] as const) {
    const keyId = newId(context);
    const split = await generateSplitKey({
      random: context.random,
      ...(input.profile === undefined ? {} : { profile: input.profile }),
    });
    const masked = maskDeviceShare({
      deviceShare: split.deviceShare,
      bits: split.deviceShareBits,
      pin: pins[purpose],
      keyId,
      random: context.random,
    });
    const cloneToken = generateCloneToken(context.random);
    const serverShareBytes = bytesOf(split.serverShare);
    const plaintext = encodeLengthPrefixed([serverShareBytes, cloneToken]);
    const sealed = await sealEnvelope({
      recipientPublicKey: input.serverEnvelopePublicKey,
      plaintext,
      associatedData: buildAppEnvelopeAssociatedData({ kind: 'enrolment', deviceId: data.deviceId, keyId }),
      random: context.random,
    });
    plaintext.fill(0);
    serverShareBytes.fill(0);
    const modulus = encodeBase64url(bytesOf(split.publicKey.modulus));
    const publicExponent = encodeBase64url(bytesOf(split.publicKey.publicExponent));
    wireKeys.push({ purpose, keyId, modulus, publicExponent, sealedServerShare: encodeBase64url(sealed) });
    vaultKeys.push({
      keyId,
      purpose,
      modulus,
      publicExponent,
      maskedShare: {
        version: 1,
        keyId,
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
  const answer = (await sendAppRequest(context, data, {
    method: APP_API_ENDPOINTS.enrol.method,
    path: APP_API_ENDPOINTS.enrol.path,
    body: JSON.stringify(request),
  })) as Record<string, unknown> | null;
  if (typeof answer?.accountId !== 'string' || typeof answer.documentNumber !== 'string') {
    throw new DeviceError('INVALID_RESPONSE', 'The enrolment response lacks accountId or documentNumber.');
  }
  const account: VaultAccount = {
    accountId: answer.accountId,
    documentNumber: answer.documentNumber,
    identity: input.identity,
    keys: vaultKeys,
  };
  data.accounts.push(account);
  await context.vault.save(data);
  return account;
}
