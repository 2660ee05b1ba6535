/**
 * @tessera/device: the app's brain. Enrols identities, lists and confirms transactions, and computes the
 * device half of two-party RSA signatures against the app API. Storage, transport, randomness and clock
 * are injected; no `node:` imports, so it runs in the browser and in the headless device.
 */
export type { AppApiTransport } from './app-api-transport.js';
export { chooseVerificationCode } from './choose-verification-code.js';
export {
  type ConfirmTransactionInput,
  type ConfirmTransactionResult,
  confirmTransaction,
} from './confirm-transaction.js';
export { deleteAccount } from './delete-account.js';
export type { DeviceContext } from './device-context.js';
export { DeviceError, type DeviceErrorCode } from './device-error.js';
export {
  createMemoryVault,
  type DeviceVault,
  type DeviceVaultData,
  type PendingSignatureRequest,
  type StoredMaskedShare,
  type VaultAccount,
  type VaultKey,
} from './device-vault.js';
export {
  type EnrolIdentityInput,
  enrolIdentity,
  type PreparedEnrolment,
  prepareEnrolment,
} from './enrol-identity.js';
export { fetchAccountStates } from './fetch-account-states.js';
export { fetchPendingTransactions } from './fetch-pending-transactions.js';
export { fetchServerInfo } from './fetch-server-info.js';
export { listAccounts } from './list-accounts.js';
export { refuseTransaction } from './refuse-transaction.js';
export { registerPushSubscription } from './register-push-subscription.js';
export { loadDeviceSigningKey } from './send-app-request.js';
export { SUPPORTED_INTERACTIONS } from './supported-interactions.js';
export {
  type TakenTransaction,
  type TakeTransactionOptions,
  takeTransaction,
} from './take-transaction.js';
export { unregisterPushSubscription } from './unregister-push-subscription.js';
