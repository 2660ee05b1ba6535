import {
  bitLength,
  bytesToBigint,
  type CompleteSignatureResult,
  CryptoError,
  encodeMessage,
  hashMessage,
  type SignatureCompleter,
} from '@tessera/crypto';
import { describePublicKey, OID, PkiError, verifyCertificationRequest } from '@tessera/pki';
import { parseSemanticsIdentifier } from '@tessera/protocol';
import type { Account, AccountIdentity, AccountLevel } from './account.js';
import type { KeyPurpose } from './account-key.js';
import { type CertifyAccountKeyDeps, certifyAccountKey } from './certify-account-key.js';
import { CoreError } from './core-error.js';
import { type EnrolAccountDeps, type EnrolmentKey, enrolAccount } from './enrol-account.js';
import { checkAccountKeyModulus } from './register-account-key.js';
import { type RegisterDeviceDeps, registerDevice } from './register-device.js';

/** One key as a device enrols it: the registered material, its self-signed CSR and the device's half of that signature. */
export interface DeviceEnrolmentKey extends EnrolmentKey {
  /** DER PKCS#10, signed `sha256WithRSAEncryption` by the whole key while the device held both shares. */
  readonly certificationRequest: Uint8Array;
  /** `y = EM^d_dev mod n` for the EM of that signature: the server's share must complete it. */
  readonly partialSignature: Uint8Array;
}

/** What a device sends to enrol an identity (declared, in the sandbox). */
export interface EnrolDeviceAccountInput {
  readonly deviceId: string;
  readonly devicePublicKeyJwk: JsonWebKey;
  readonly identity: AccountIdentity;
  readonly level: AccountLevel;
  readonly keys: Readonly<Record<KeyPurpose, DeviceEnrolmentKey>>;
  readonly allowedModulusBits: readonly number[];
  /** See `EnrolAccountInput.accountId`: the sandbox's scripted test accounts only. */
  readonly accountId?: string;
}

/** What a device enrolment needs from the world. */
export interface EnrolDeviceAccountDeps extends EnrolAccountDeps, RegisterDeviceDeps, CertifyAccountKeyDeps {
  /** Completes the device's partial signature of each CSR (the server's pool of worker threads). */
  readonly completer: SignatureCompleter;
}

/**
 * Checks one key before anything is stored: the CSR verifies with the key it carries (proof of possession),
 * carries exactly the key sent, and the server share completes the device's partial signature of the CSR into
 * that same signature's equivalent (`s^e ≡ EM`): the split is whole. CoreError('CSR_KEY_MISMATCH') or
 * CoreError('KEY_SPLIT_INVALID') otherwise.
 */
async function checkKey(key: DeviceEnrolmentKey, completer: SignatureCompleter): Promise<void> {
  if (key.partialSignature.length !== Math.ceil(bitLength(key.modulus) / 8)) {
    throw new CoreError('KEY_SPLIT_INVALID', 'The partial signature is not one modulus length.');
  }
  let request: Awaited<ReturnType<typeof verifyCertificationRequest>>;
  try {
    request = await verifyCertificationRequest(key.certificationRequest);
  } catch (cause) {
    if (cause instanceof PkiError) throw new CoreError('CSR_KEY_MISMATCH', cause.message, { cause });
    throw cause;
  }
  const carried = describePublicKey(request.publicKey);
  if (
    carried.kind !== 'RSA' ||
    bytesToBigint(carried.modulus) !== key.modulus ||
    carried.publicExponent !== key.publicExponent
  ) {
    throw new CoreError(
      'CSR_KEY_MISMATCH',
      'The certification request carries another key than the one sent.',
    );
  }
  if (request.signatureAlgorithm !== OID.sha256WithRsa) {
    throw new CoreError(
      'CSR_KEY_MISMATCH',
      'The certification request must be signed sha256WithRSAEncryption.',
    );
  }
  let completed: CompleteSignatureResult;
  try {
    completed = await completer.complete({
      modulus: key.modulus,
      publicExponent: key.publicExponent,
      serverShare: key.serverShare,
      encodedMessage: encodeMessage({
        encoding: 'pkcs1-v1_5',
        algorithm: 'SHA-256',
        digest: hashMessage('SHA-256', request.signedInfo),
        modulusBits: bitLength(key.modulus),
      }),
      partialSignature: key.partialSignature,
    });
  } catch (cause) {
    if (cause instanceof CryptoError) throw new CoreError('KEY_SPLIT_INVALID', cause.message, { cause });
    throw cause;
  }
  if (!completed.ok) {
    throw new CoreError('KEY_SPLIT_INVALID', "The server share does not complete the device's share.");
  }
}

/**
 * Enrolment of an identity on a device, server side, in one step: checks both keys (see `checkKey`) before
 * anything is stored, registers the device on its first enrolment, creates the account with its two keys
 * (`enrolAccount`: modulus checks, wrapped share, first clone token) and certifies both from their CSRs, so the
 * account comes back active.
 */
export async function enrolDeviceAccount(
  deps: EnrolDeviceAccountDeps,
  input: EnrolDeviceAccountInput,
): Promise<Account> {
  // Everything is checked before anything is stored: a refused enrolment leaves no trace.
  const registered = await deps.keys.listModuli();
  const { authentication, signing } = input.keys;
  checkAccountKeyModulus(authentication.modulus, input.allowedModulusBits, registered);
  checkAccountKeyModulus(signing.modulus, input.allowedModulusBits, [...registered, authentication.modulus]);
  await checkKey(authentication, deps.completer);
  await checkKey(signing, deps.completer);
  parseSemanticsIdentifier(input.identity.semanticsIdentifier);
  await registerDevice(deps, { deviceId: input.deviceId, publicKeyJwk: input.devicePublicKeyJwk });
  const account = await enrolAccount(deps, {
    deviceId: input.deviceId,
    identity: input.identity,
    level: input.level,
    keys: input.keys,
    allowedModulusBits: input.allowedModulusBits,
    ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
  });
  for (const purpose of ['authentication', 'signing'] as const) {
    await certifyAccountKey(deps, {
      documentNumber: account.documentNumber,
      purpose,
      csr: input.keys[purpose].certificationRequest,
    });
  }
  const active = await deps.accounts.get(account.documentNumber);
  if (active === undefined)
    throw new CoreError('ACCOUNT_NOT_FOUND', 'The account vanished during enrolment.');
  return active;
}
