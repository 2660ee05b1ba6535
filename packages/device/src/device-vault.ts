import type { KeyPurpose, SandboxIdentityDeclaration } from '@tessera/protocol';
import type { CompanionChannelState } from './companion/companion-channel-state.js';

/**
 * A PIN-masked device share, serialisable: the fields of crypto's `MaskedShare` with bytes as base64url.
 * Useless without the PIN, and the PIN cannot be tested offline (any PIN unmasks to some number).
 */
export interface StoredMaskedShare {
  version: 1;
  keyId: string;
  bits: number;
  salt: string;
  masked: string;
}

/** A submit-signature request kept before sending, so a lost response is retried byte for byte. */
export interface PendingSignatureRequest {
  transactionId: string;
  /** The exact JSON body sent. */
  body: string;
}

/** One split key on the device. */
export interface VaultKey {
  /** The server's id for the key (signature requests name it); the masked share has its own local id. */
  keyId: string;
  purpose: KeyPurpose;
  /** RSA modulus, base64url big-endian. */
  modulus: string;
  /** RSA public exponent, base64url big-endian. */
  publicExponent: string;
  maskedShare: StoredMaskedShare;
  /** The current clone token, base64url (32 bytes). */
  cloneToken: string;
  pendingRequest: PendingSignatureRequest | null;
  /** The key's certificate, DER base64url. */
  certificate: string;
}

/** One enrolled account. */
export interface VaultAccount {
  documentNumber: string;
  identity: SandboxIdentityDeclaration;
  keys: VaultKey[];
}

/**
 * Everything the device keeps. `privateKey` is a non-extractable `CryptoKey` where the platform persists
 * keys as objects (IndexedDB in browsers, the in-memory vault); a vault that can only store JSON keeps an
 * extractable key's JWK instead, and `loadDeviceSigningKey` imports it.
 */
export interface DeviceVaultData {
  deviceId: string;
  /** The identity server's envelope key (ECDH P-256), as it gave it at the first enrolment. */
  serverEnvelopePublicKeyJwk: JsonWebKey;
  deviceKey: { privateKey: CryptoKey | JsonWebKey; publicKeyJwk: JsonWebKey };
  accounts: VaultAccount[];
  /** The paired watch's channel (keys, credential, counters), when a watch is paired. */
  companion?: CompanionChannelState;
}

/** The device's storage port. `load` returns null before the first enrolment. */
export interface DeviceVault {
  load(): Promise<DeviceVaultData | null>;
  save(data: DeviceVaultData): Promise<void>;
}

/** A vault in memory, for tests and the headless device; keeps a deep copy so callers cannot alias it. */
export function createMemoryVault(initial: DeviceVaultData | null = null): DeviceVault {
  let stored = initial === null ? null : copy(initial);
  return {
    load: async () => (stored === null ? null : copy(stored)),
    save: async (data) => {
      stored = copy(data);
    },
  };
}

function copy(data: DeviceVaultData): DeviceVaultData {
  // CryptoKey cannot be cloned by JSON; it is immutable, so sharing it is safe.
  const { privateKey } = data.deviceKey;
  const cloned = JSON.parse(JSON.stringify({ ...data, deviceKey: { ...data.deviceKey, privateKey: null } }));
  cloned.deviceKey.privateKey = privateKey;
  return cloned as DeviceVaultData;
}
