/**
 * A whole identity server for end-to-end tests, listening on 127.0.0.1 (a free port): software CA, store
 * (embedded PGlite, or PostgreSQL at 127.0.0.1:5432 in a fresh schema), server secrets in the CA's data directory, the sandbox's demo
 * relying party, RP API and app API. Its clock is settable, for the lock ladder.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSessionWaiter, SANDBOX_DEMO_RELYING_PARTY } from '@tessera/core';
import { completeOnCallingThread, systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { openStore, type Store } from '@tessera/store';
import { runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createDeviceNotifier } from '../../src/app-api/create-device-notifier.js';
import {
  openSoftwareServerSecrets,
  type ServerSecrets,
} from '../../src/app-api/open-software-server-secrets.js';
import { asCertificateIssuer } from '../../src/ca/as-certificate-issuer.js';
import { asCertificateRevoker } from '../../src/ca/as-certificate-revoker.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { createServerMetrics } from '../../src/metrics/create-server-metrics.js';
import type { ScriptedTestAccount } from '../../src/sandbox/scripted-test-accounts.js';
import { createSimulatedUser } from '../../src/sandbox/simulated-user.js';
import { openWebPushSender, type WebPushSender } from '../../src/web-push/open-web-push-sender.js';
import { createSoftwareCa, type SoftwareCa, testClock } from './software-ca.js';
import { testConfig } from './test-config.js';

/** A running test server. */
export interface TestIdentityServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly ca: CertificateAuthority;
  readonly clock: ReturnType<typeof testClock>;
  /** The server's envelope key and share vault (tests reseal recorded envelopes with it). */
  readonly secrets: ServerSecrets;
  /** Web Push (unless TESSERA_WEB_PUSH=off): tests wait for its sends with `settled()`. */
  readonly push: WebPushSender | undefined;
  close(): Promise<void>;
}

/** Opens the store on a backend; on PostgreSQL in a fresh schema that `drop` removes. */
async function openTestStore(
  backend: 'pglite' | 'postgresql',
): Promise<{ store: Store; drop(): Promise<void> }> {
  if (backend === 'pglite') return { store: await openStore(), drop: async () => {} };
  const schema = `tessera_e2e_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_DATABASE_URL, schema });
  return {
    store,
    async drop() {
      await runSql(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/**
 * Starts the server; `env` adds configuration (TESSERA_SESSION_TIMEOUT_MS, …); the store is PGlite by default.
 * With `scriptedAccounts`, the sandbox's simulated user enrols and answers those scripted test accounts.
 */
export async function startTestIdentityServer(
  env: Record<string, string> = {},
  backend: 'pglite' | 'postgresql' = 'pglite',
  options: { scriptedAccounts?: readonly ScriptedTestAccount[] } = {},
): Promise<TestIdentityServer> {
  const clock = testClock(new Date());
  const software: SoftwareCa = await createSoftwareCa(clock);
  const ca = await software.open();
  const { store, drop } = await openTestStore(backend);
  await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
  const config = testConfig({ TESSERA_DATA_DIR: software.dataDir, ...env });
  // One settable time for the CA (Date) and the domain (milliseconds).
  const secrets = await openSoftwareServerSecrets(config, systemRandom);
  const metrics = createServerMetrics(store);
  const stores = { ...store, sessions: metrics.instrumentSessions(store.sessions) };
  const ports = {
    waiter: metrics.instrumentWaiter(createSessionWaiter()),
    clock: { now: () => clock.now().getTime() },
    random: systemRandom,
  };
  const push =
    config.webPush === null
      ? undefined
      : await openWebPushSender({ store: store.webPush, subject: config.webPush.subject, metrics });
  const appApi = {
    ...stores,
    ...ports,
    metrics,
    secrets,
    completer: completeOnCallingThread(createOpensslModExp()),
    issuer: asCertificateIssuer(ca),
    revoker: asCertificateRevoker(ca),
    ...(push === undefined ? {} : { push: { store: store.webPush, publicKey: push.publicKey } }),
  };
  const deviceNotifier = createDeviceNotifier(ports.waiter, push);
  const simulatedUser =
    options.scriptedAccounts === undefined || config.sandbox === null
      ? undefined
      : createSimulatedUser({
          deps: appApi,
          dataDir: software.dataDir,
          allowedModulusBits: config.ca.policy.endEntityRsaKeySizes,
          scriptedTimeoutMs: config.sandbox.scriptedTimeoutMs,
          notifier: deviceNotifier,
          accounts: options.scriptedAccounts,
        });
  const app = await buildApp(config, {
    ca,
    rpApi: { ...stores, ...ports, notifier: simulatedUser?.notifier ?? deviceNotifier },
    metrics,
    appApi,
    ...(simulatedUser === undefined ? {} : { simulatedUser }),
  });
  await simulatedUser?.start(app);
  await simulatedUser?.whenReady();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    ca,
    clock,
    secrets,
    push,
    async close() {
      await simulatedUser?.close();
      await app.close();
      await push?.settled();
      await store.close();
      await drop();
      await ca.close();
      await software.cleanup();
    },
  };
}
