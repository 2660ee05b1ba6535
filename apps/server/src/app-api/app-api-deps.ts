import type {
  AccountKeyStore,
  AccountStore,
  AuditLog,
  CertificateIssuer,
  CertificateRevoker,
  Clock,
  CompanionRelayStore,
  DeviceStore,
  SessionStore,
  SessionWaiter,
  WebPushStore,
} from '@tessera/core';
import type { RandomSource, SignatureCompleter } from '@tessera/crypto';
import type { ServerMetrics } from '../metrics/create-server-metrics.js';
import type { ServerSecrets } from './open-software-server-secrets.js';

/** What the app API routes are composed of. */
export interface AppApiDeps {
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly devices: DeviceStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  readonly waiter: SessionWaiter;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** The envelope key devices seal to and the vault that wraps server shares. */
  readonly secrets: ServerSecrets;
  /** Completes signatures off the event loop: the pool of OpenSSL worker threads (TESSERA_CRYPTO_THREADS). */
  readonly completer: SignatureCompleter;
  readonly issuer: CertificateIssuer;
  readonly revoker: CertificateRevoker;
  /**
   * Web Push, when the server sends it (TESSERA_WEB_PUSH): where subscriptions are kept, and the VAPID public key
   * the server information gives the app. Without it the push-subscription routes answer 404.
   */
  readonly push?: { readonly store: WebPushStore; readonly publicKey: string };
  /** Watch pairings and relay channels: without them the companion routes are absent. */
  readonly companions?: CompanionRelayStore;
  /** Counts signing attempts by outcome, when the server keeps metrics. */
  readonly metrics?: Pick<ServerMetrics, 'countSignature'>;
}

/** Settings of the app API that come from the configuration. */
export interface AppApiSettings {
  readonly schemeName: string;
  readonly deviceLinkBase: string;
  /** Declared identities are accepted at enrolment only in the sandbox. */
  readonly sandbox: boolean;
  /** RSA modulus sizes the deployment policy certifies. */
  readonly allowedModulusBits: readonly number[];
  /** Push subscriptions may name a plain-http push service on a loopback host (tests; never in production). */
  readonly allowLoopbackHttpPush: boolean;
}
