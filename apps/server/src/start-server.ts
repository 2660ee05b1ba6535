import type { AddressInfo } from 'node:net';
import { createSessionWaiter, SANDBOX_DEMO_RELYING_PARTY, systemClock } from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.js';
import { createDeviceNotifier } from './app-api/create-device-notifier.js';
import { openSoftwareServerSecrets } from './app-api/open-software-server-secrets.js';
import { asCertificateIssuer } from './ca/as-certificate-issuer.js';
import { asCertificateRevoker } from './ca/as-certificate-revoker.js';
import { openCertificateAuthorityFromConfig } from './ca/open-certificate-authority-from-config.js';
import type { ServerConfig } from './config.js';
import { createServerMetrics } from './metrics/create-server-metrics.js';
import { openStoreFromConfig } from './open-store-from-config.js';
import { createSimulatedUser } from './sandbox/simulated-user.js';
import { openWebPushSender } from './web-push/open-web-push-sender.js';

/** A running identity server. */
export interface RunningServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly backend: 'postgresql' | 'pglite';
  /** The sandbox: resolves with how many scripted test accounts were enrolled once all exist. Else null. */
  readonly scriptedAccountsReady: Promise<number> | null;
  close(): Promise<void>;
}

/**
 * The identity server's composition root: the CA (its hierarchy must exist: `tessera ca init`), the store
 * (PostgreSQL or embedded PGlite, migrated), the server secrets (software, in the data directory), Web Push (the
 * VAPID key pair in the store), in the sandbox
 * the demo relying party and the simulated user of the scripted test accounts (enrolled on the first start), and the HTTP app listening where the configuration says. Everything opened is closed by `close()`, or on failure.
 */
export async function startServer(
  config: ServerConfig,
  options: { logger?: FastifyServerOptions['logger']; appBundleDir?: string } = {},
): Promise<RunningServer> {
  const ca = await openCertificateAuthorityFromConfig(config);
  const closers: (() => Promise<void>)[] = [() => ca.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const store = await openStoreFromConfig(config);
    closers.push(() => store.close());
    if (config.sandbox) await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
    const secrets = await openSoftwareServerSecrets(config, systemRandom);
    const metrics = createServerMetrics(store.poolStatistics ?? undefined);
    const waiter = metrics.instrumentWaiter(createSessionWaiter());
    const ports = { waiter, clock: systemClock, random: systemRandom };
    const stores = { ...store, sessions: metrics.instrumentSessions(store.sessions) };
    // Failed pushes are logged by the app's logger once it exists (device and reason; never endpoint or keys).
    let logTo: FastifyInstance | undefined;
    const pushSender =
      config.webPush === null
        ? undefined
        : await openWebPushSender({
            store: store.webPush,
            subject: config.webPush.subject,
            metrics,
            onFailure: (failure) => logTo?.log.warn(failure, 'web push failed'),
          });
    if (pushSender !== undefined) closers.push(() => pushSender.settled());
    const appApi = {
      ...stores,
      ...ports,
      metrics,
      secrets,
      modExp: createOpensslModExp(),
      issuer: asCertificateIssuer(ca),
      revoker: asCertificateRevoker(ca),
      ...(pushSender === undefined
        ? {}
        : { push: { store: store.webPush, publicKey: pushSender.publicKey } }),
    };
    const deviceNotifier = createDeviceNotifier(waiter, pushSender);
    const simulatedUser =
      config.sandbox === null
        ? undefined
        : createSimulatedUser({
            deps: appApi,
            dataDir: config.dataDir,
            allowedModulusBits: config.ca.policy.endEntityRsaKeySizes,
            scriptedTimeoutMs: config.sandbox.scriptedTimeoutMs,
            notifier: deviceNotifier,
          });
    const app = await buildApp(config, {
      ca,
      rpApi: { ...stores, ...ports, notifier: simulatedUser?.notifier ?? deviceNotifier },
      metrics,
      appApi,
      ...(simulatedUser === undefined ? {} : { simulatedUser }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.appBundleDir === undefined ? {} : { appBundleDir: options.appBundleDir }),
    });
    logTo = app;
    closers.push(() => app.close());
    if (simulatedUser !== undefined) {
      closers.push(() => simulatedUser.close());
      await simulatedUser.start(app);
    }
    await app.listen({ host: config.listen.host, port: config.listen.port });
    const { address, port } = app.server.address() as AddressInfo;
    const host = address.includes(':') ? `[${address}]` : address;
    return {
      url: `http://${host}:${port}`,
      backend: store.backend,
      scriptedAccountsReady: simulatedUser?.whenReady() ?? null,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
