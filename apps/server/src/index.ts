/** @tessera/server: the identity server's composition (config, HTTP app) and its CA module. */
export { type AppDeps, buildApp } from './app.js';
export { asCertificateIssuer } from './ca/as-certificate-issuer.js';
export { CaError, type CaErrorCode } from './ca/ca-error.js';
export { CA_NAMES, type CaName, caUrls } from './ca/ca-names.js';
export type {
  AuthorityRecord,
  CaStore,
  HierarchyRecord,
  IssuedCertificateRecord,
  RevocationRecord,
} from './ca/ca-store.js';
export {
  type CaInitOptions,
  type CaInitPlan,
  type CaInitStep,
  initCaHierarchy,
  planCaInit,
} from './ca/init-ca-hierarchy.js';
export type { IssuedCertificate, IssueRequest } from './ca/issue-end-entity-certificate.js';
export type { KeyAlgorithm, KeyBackend, KeyRef } from './ca/key-backend.js';
export { createMemoryCaStore } from './ca/memory-ca-store.js';
export { type OpenCaStore, openCaStoreFromConfig } from './ca/open-ca-store-from-config.js';
export {
  type CertificateAuthority,
  type CertificateAuthorityDeps,
  openCertificateAuthority,
} from './ca/open-certificate-authority.js';
export { openCertificateAuthorityFromConfig } from './ca/open-certificate-authority-from-config.js';
export { caStorePath, openKeyBackend } from './ca/open-key-backend.js';
export { openPkcs11KeyBackend, type Pkcs11Options } from './ca/pkcs11/pkcs11-key-backend.js';
export type { RevocationOutcome } from './ca/revoke-certificate.js';
export { openSoftwareKeyBackend } from './ca/software-key-backend.js';
export { type Clock, systemClock } from './clock.js';
export {
  type CaKeyMode,
  DeploymentPolicySchema,
  loadConfig,
  type ServerConfig,
  type ServerEnvironment,
} from './config.js';
export { ConfigError } from './config-error.js';
export { openStoreFromConfig } from './open-store-from-config.js';
export { type Problem, toProblem } from './problem.js';
export { type RunningServer, startServer } from './start-server.js';
