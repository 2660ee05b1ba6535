/** @tessera/test-support: helpers for tests only, declared as a devDependency by the workspaces that use them. */
export { createSoftHsmToken, SOFTHSM_MODULE, type TestToken } from './create-softhsm-token.js';
export {
  decryptPush,
  type FakePushService,
  newSubscriptionKeys,
  type ReceivedPush,
  type SubscriptionKeys,
  startFakePushService,
} from './fake-push-service.js';
export { freePort } from './free-port.js';
export { type OpensslResult, openssl, tempFiles } from './openssl.js';
export { runSql, TEST_DATABASE_URL } from './test-database.js';
export {
  generateTestKey,
  TestDevice,
  type TestSigningOutcome,
  type TestSigningRequest,
  verifiesWithNodeCrypto,
} from './test-device.js';
