/** @tessera/store: the domain's repositories in SQL, on PostgreSQL or embedded PGlite, with one set of migrations. */
export { createPgliteDialect } from './create-pglite-dialect.js';
export { createSqlAccountKeyStore } from './create-sql-account-key-store.js';
export { createSqlAccountStore } from './create-sql-account-store.js';
export { createSqlAuditLog } from './create-sql-audit-log.js';
export { createSqlCompanionRelayStore } from './create-sql-companion-relay-store.js';
export { createSqlDeviceStore } from './create-sql-device-store.js';
export { createSqlRelyingPartyStore, createSqlSessionStore } from './create-sql-session-stores.js';
export { createSqlWebPushStore } from './create-sql-web-push-store.js';
export type {
  AccountKeysTable,
  AccountsTable,
  AuditEventsTable,
  CaCrlNumbersTable,
  CaHierarchyTable,
  CaIssuedCertificatesTable,
  CompanionChannelsTable,
  CompanionClaimFailuresTable,
  CompanionMessagesTable,
  Database,
  DeviceNoncesTable,
  DevicesTable,
  PushSubscriptionsTable,
  RelyingPartiesTable,
  RpSessionsTable,
  WebPushVapidKeysTable,
} from './database.js';
export { isUniqueViolation } from './is-unique-violation.js';
export {
  openPostgresSessionWaiter,
  type PostgresSessionWaiter,
  type PostgresSessionWaiterOptions,
  WAKE_CHANNEL,
} from './open-postgres-session-waiter.js';
export { type OpenStoreOptions, openStore, type Store } from './open-store.js';
