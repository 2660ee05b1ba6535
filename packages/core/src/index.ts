/**
 * @tessera/core: the domain. Talks to the world only through ports (stores, clock, randomness, the key-share
 * vault); no I/O of its own.
 */

export { acceptNotificationTransaction } from './accept-notification-transaction.js';
export {
  ACCOUNT_VALIDITY_YEARS,
  type Account,
  type AccountIdentity,
  type AccountLevel,
  type AccountState,
} from './account.js';
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
  type SignatureAttempt,
} from './attempt-signature.js';
export type { AuditEvent, AuditEventKind } from './audit-event.js';
export { authenticateRelyingParty, matchesSource } from './authenticate-relying-party.js';
export {
  bindTransaction,
  LINKED_SIGNATURE_WAIT_MS,
  type TakeTransactionDeps,
  type TakeTransactionInput,
  type TakeTransactionResult,
} from './bind-transaction.js';
export { type CertifyAccountKeyDeps, certifyAccountKey } from './certify-account-key.js';
export { chooseVerificationCode } from './choose-verification-code.js';
export type { CompanionChannel, CompanionMessage, CompanionSide } from './companion-channel.js';
export {
  type CompleteTransactionDeps,
  type CompleteTransactionInput,
  completeTransaction,
} from './complete-transaction.js';
export { CoreError, type CoreErrorCode } from './core-error.js';
export { createMemoryAccountKeyStore } from './create-memory-account-key-store.js';
export { createMemoryAuditLog } from './create-memory-audit-log.js';
export { createMemoryCompanionRelayStore } from './create-memory-companion-relay-store.js';
export { createMemoryDeviceStore } from './create-memory-device-store.js';
export {
  createMemoryAccountStore,
  createMemoryRelyingPartyStore,
  createMemorySessionStore,
} from './create-memory-stores.js';
export { createMemoryWebPushStore } from './create-memory-web-push-store.js';
export {
  type CreateSessionDeps,
  createSession,
  type SessionAddressee,
  type SessionRequest,
  type TargetedAddressee,
  type V2SessionRequest,
} from './create-session.js';
export { createSessionWaiter, type InProcessSessionWaiter } from './create-session-waiter.js';
export { createSoftwareKeyShareVault } from './create-software-key-share-vault.js';
export { type DeleteDeviceAccountDeps, deleteDeviceAccount } from './delete-device-account.js';
export type { Device, DevicePublicKeyJwk } from './device.js';
export { type EndSessionDeps, endSession } from './end-session.js';
export {
  type EnrolAccountDeps,
  type EnrolAccountInput,
  type EnrolmentKey,
  enrolAccount,
} from './enrol-account.js';
export {
  type DeviceEnrolmentKey,
  type EnrolDeviceAccountDeps,
  type EnrolDeviceAccountInput,
  enrolDeviceAccount,
} from './enrol-device-account.js';
export { type GetSessionStatusDeps, getSessionStatus, recheckIntervalMs } from './get-session-status.js';
export { getSigningCertificate, type SigningCertificateAnswer } from './get-signing-certificate.js';
export { listDeviceAccounts } from './list-device-accounts.js';
export { type DeviceTransactions, listDeviceTransactions } from './list-device-transactions.js';
export {
  type OpenDeviceLinkDeps,
  type OpenDeviceLinkInput,
  openDeviceLink,
} from './open-device-link.js';
export {
  type AccountKeyStore,
  type AccountStore,
  type AuditLog,
  type CertificateIssuer,
  type CertificateRevocationReason,
  type CertificateRevoker,
  type Clock,
  type CompanionRelayStore,
  type DeviceNotifier,
  type DeviceStore,
  type KeyShareVault,
  type KeyUpdate,
  type RelyingPartyStore,
  type SessionStore,
  type SessionWaiter,
  systemClock,
  type WebPushStore,
} from './ports.js';
export type { DevicePushSubscription, VapidKeyPair } from './push-subscription.js';
export { readSessionRequest, type SessionSigningRequest } from './read-session-request.js';
export {
  type AuditEventInput,
  type RecordAuditEventDeps,
  recordAuditEvent,
} from './record-audit-event.js';
export {
  type RecordDeviceNonceDeps,
  type RecordDeviceNonceInput,
  recordDeviceNonce,
} from './record-device-nonce.js';
export {
  type RefuseTransactionDeps,
  type RefuseTransactionInput,
  refuseTransaction,
} from './refuse-transaction.js';
export {
  type RegisterAccountKeyDeps,
  type RegisterAccountKeyInput,
  registerAccountKey,
} from './register-account-key.js';
export {
  type RegisterDeviceDeps,
  type RegisterDeviceInput,
  registerDevice,
} from './register-device.js';
export { type RelyingParty, SANDBOX_DEMO_RELYING_PARTY } from './relying-party.js';
export {
  type ReplaySignatureOutcomeDeps,
  type ReplaySignatureOutcomeInput,
  replaySignatureOutcome,
} from './replay-signature-outcome.js';
export {
  type RpApiVersion,
  type RpSession,
  SESSION_RESULT_RETENTION_MS,
  type SessionEnd,
  type SessionFlow,
  type SessionKind,
  type SessionResult,
  type SessionTarget,
  type SessionTransaction,
} from './rp-session.js';
