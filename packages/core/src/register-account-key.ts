import {
  bitLength,
  CryptoError,
  checkModulus,
  createCloneTokenState,
  createPinLockState,
} from '@tessera/crypto';
import type { AccountKey, KeyPurpose } from './account-key.js';
import type { AccountKeyStore, Clock, KeyShareVault } from './ports.js';

/** What the device sent for one key at enrolment, already opened from its sealed envelope. */
export interface RegisterAccountKeyInput {
  readonly keyId: string;
  readonly accountId: string;
  readonly purpose: KeyPurpose;
  readonly modulus: bigint;
  readonly publicExponent: bigint;
  /** d_srv in clear, only for the duration of this call: it is wrapped before anything is stored. */
  readonly serverShare: bigint;
  /** t_0, the device's first clone token; only its hash is kept. */
  readonly firstCloneToken: Uint8Array;
  /** The modulus sizes this deployment accepts (3072 and 4096; 2048 only under the test profile). */
  readonly allowedModulusBits: readonly number[];
}

/** What registering a key needs from the world. */
export interface RegisterAccountKeyDeps {
  readonly keys: AccountKeyStore;
  readonly vault: KeyShareVault;
  readonly clock: Clock;
}

/**
 * The modulus checks of enrolment: a size this deployment accepts, odd, not a square, no small factor, no factor
 * shared with any of `registeredModuli`. Throws CryptoError otherwise.
 */
export function checkAccountKeyModulus(
  modulus: bigint,
  allowedModulusBits: readonly number[],
  registeredModuli: readonly bigint[],
): void {
  const bits = bitLength(modulus);
  if (!allowedModulusBits.includes(bits)) {
    throw new CryptoError(
      'INVALID_MODULUS',
      `The modulus has ${bits} bits; this deployment accepts ${allowedModulusBits.join(' or ')}.`,
    );
  }
  checkModulus({ modulus, modulusBits: bits, registeredModuli });
}

/**
 * Enrolment, server side, for one key: checks the modulus (size, odd, not a square, no small factor, no
 * factor shared with any registered modulus: CryptoError otherwise), wraps d_srv under the KEK and stores the
 * key with a fresh lock ladder and the hash of t_0. Throws CoreError('KEY_EXISTS') for a key already there.
 */
export async function registerAccountKey(
  { keys, vault, clock }: RegisterAccountKeyDeps,
  input: RegisterAccountKeyInput,
): Promise<AccountKey> {
  checkAccountKeyModulus(input.modulus, input.allowedModulusBits, await keys.listModuli());
  const key: AccountKey = {
    id: input.keyId,
    accountId: input.accountId,
    purpose: input.purpose,
    modulus: input.modulus,
    publicExponent: input.publicExponent,
    wrappedServerShare: await vault.wrap(input.serverShare, input.keyId),
    lock: createPinLockState(),
    cloneToken: createCloneTokenState(input.firstCloneToken),
    inFlight: null,
    lastOutcome: null,
    certificate: null,
    createdAt: clock.now(),
  };
  await keys.insert(key);
  return key;
}
