/**
 * @tessera/core: the domain. Talks to the world only through ports (stores, clock, randomness, the key-share
 * vault); no I/O of its own.
 */
export {
  type AccountKey,
  IN_FLIGHT_TIMEOUT_MS,
  type InFlightAttempt,
  type KeyPurpose,
  type SignatureOutcome,
} from './account-key.js';
export {
  type AttemptSignatureDeps,
  type AttemptSignatureInput,
  attemptSignature,
} from './attempt-signature.js';
export { CoreError, type CoreErrorCode } from './core-error.js';
export { createMemoryAccountKeyStore } from './create-memory-account-key-store.js';
export { createSoftwareKeyShareVault } from './create-software-key-share-vault.js';
export {
  type AccountKeyStore,
  type Clock,
  type KeyShareVault,
  type KeyUpdate,
  systemClock,
} from './ports.js';
export {
  type RegisterAccountKeyDeps,
  type RegisterAccountKeyInput,
  registerAccountKey,
} from './register-account-key.js';
