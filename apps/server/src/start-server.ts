import type { AddressInfo } from 'node:net';
import { SANDBOX_DEMO_RELYING_PARTY, systemClock } from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import { createCompletionWorkerPool } from '@tessera/crypto/node';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createDeviceNotifier } from './app-api/create-device-notifier.js';
import { openSoftwareServerSecrets } from './app-api/open-software-server-secrets.js';
import { asCertificateIssuer } from './ca/as-certificate-issuer.js';
import { asCertificateRevoker } from './ca/as-certificate-revoker.js';
import { openCaStoreFromConfig } from './ca/open-ca-store-from-config.js';
import { openCertificateAuthorityFromConfig } from './ca/open-certificate-authority-from-config.js';
import type { ServerConfig } from './config.js';
import { createServerMetrics } from './metrics/create-server-metrics.js';
import { openSessionWaiterFromConfig } from './open-session-waiter-from-config.js';
import { openStoreFromConfig } from './open-store-from-config.js';
import { createSimulatedUser } from './sandbox/simulated-user.js';
import { openWebPushSender } from './web-push/open-web-push-sender.js';

/**
 * What PostgreSQL's errors say of the row at fault (`Key (document_number)=(…) already exists.`, `Failing row
 * contains (…)` with every column, a session secret too): kept out of the log; the message, code and constraint
 * say enough.
 */
const DATABASE_ERROR_DETAILS = ['err.detail', 'err.cause.detail'];

/** A running identity server. */
export interface RunningServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly backend: 'postgresql' | 'pglite';
  /** How long polls are woken: across every process on the database (PostgreSQL), or within this one. */
  readonly wakeups: 'postgresql' | 'in-process';
  /** The sandbox: resolves with how many scripted test accounts were enrolled once all exist. Else null. */
  readonly scriptedAccountsReady: Promise<number> | null;
  close(): Promise<void>;
}

/**
 * The identity server's composition root: the store (PostgreSQL or embedded PGlite, migrated), the CA (its
 * hierarchy must exist: `tessera ca init`; its records in PostgreSQL, or in the data directory beside PGlite),
 * the session waiter (LISTEN/NOTIFY on PostgreSQL, so long polls on every server process of the database wake
 * up; in process with PGlite), the server secrets (software, in the data directory), the worker threads that
 * complete signatures (TESSERA_CRYPTO_THREADS), Web Push (the VAPID key pair in the store), in the sandbox the
 * demo relying party and the simulated user of the scripted test accounts (enrolled on the first start), and the
 * HTTP app listening where the configuration says. Everything opened is closed by `close()`, or on failure.
 */
export async function startServer(
  config: ServerConfig,
  options: {
    /** Where the log's JSON lines go (at `config.logLevel`); none are written without it. */
    log?: { write(line: string): void };
    appBundleDir?: string;
  } = {},
): Promise<RunningServer> {
  const store = await openStoreFromConfig(config);
  const closers: (() => Promise<void>)[] = [() => store.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const caRecords = await openCaStoreFromConfig(config, store.db);
    const ca = await openCertificateAuthorityFromConfig(config, { store: caRecords.store });
    closers.push(() => ca.close());
    if (config.sandbox) await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
    const secrets = await openSoftwareServerSecrets(config, systemRandom);
    // Known once the app exists; a lost listening connection or a failed push before that goes unlogged.
    let app: FastifyInstance | undefined;
    const wakeups = await openSessionWaiterFromConfig(config, store, (error) =>
      app?.log.warn({ err: error }, 'cross-process wake-ups interrupted; reconnecting'),
    );
    closers.push(() => wakeups.close());
    const metrics = createServerMetrics(
      store,
      wakeups.wakeups === 'postgresql' ? wakeups.isListening : undefined,
    );
    const waiter = metrics.instrumentWaiter(wakeups.waiter);
    const ports = { waiter, clock: systemClock, random: systemRandom };
    const stores = { ...store, sessions: metrics.instrumentSessions(store.sessions) };
    // Failed pushes are logged by the app's logger once it exists (device and reason; never endpoint or keys).
    const pushSender =
      config.webPush === null
        ? undefined
        : await openWebPushSender({
            store: store.webPush,
            subject: config.webPush.subject,
            metrics,
            onFailure: (failure) => app?.log.warn(failure, 'web push failed'),
          });
    if (pushSender !== undefined) closers.push(() => pushSender.settled());
    const completer = await createCompletionWorkerPool({ threads: config.cryptoThreads });
    closers.push(() => completer.close());
    const appApi = {
      ...stores,
      ...ports,
      metrics,
      secrets,
      completer,
      issuer: asCertificateIssuer(ca),
      revoker: asCertificateRevoker(ca),
      ...(pushSender === undefined
        ? {}
        : { push: { store: store.webPush, publicKey: pushSender.publicKey } }),
    };
    const deviceNotifier = createDeviceNotifier(waiter, pushSender);
    const simulatedUser =
      config.sandbox === null || !config.sandbox.simulatedUser
        ? undefined
        : createSimulatedUser({
            deps: appApi,
            dataDir: config.dataDir,
            allowedModulusBits: config.ca.policy.endEntityRsaKeySizes,
            scriptedTimeoutMs: config.sandbox.scriptedTimeoutMs,
            notifier: deviceNotifier,
          });
    app = await buildApp(config, {
      ca,
      rpApi: { ...stores, ...ports, notifier: simulatedUser?.notifier ?? deviceNotifier },
      metrics,
      health: {
        checkDatabase: () => store.ping(),
        wakeups: wakeups.wakeups,
        isListening: wakeups.isListening,
      },
      appApi,
      ...(simulatedUser === undefined ? {} : { simulatedUser }),
      ...(options.log === undefined
        ? {}
        : { logger: { level: config.logLevel, stream: options.log, redact: DATABASE_ERROR_DETAILS } }),
      ...(options.appBundleDir === undefined ? {} : { appBundleDir: options.appBundleDir }),
    });
    const listening = app;
    closers.push(() => listening.close());
    if (simulatedUser !== undefined) {
      closers.push(() => simulatedUser.close());
      await simulatedUser.start(listening);
    }
    await app.listen({ host: config.listen.host, port: config.listen.port });
    const { address, port } = app.server.address() as AddressInfo;
    const host = address.includes(':') ? `[${address}]` : address;
    return {
      url: `http://${host}:${port}`,
      backend: store.backend,
      wakeups: wakeups.wakeups,
      scriptedAccountsReady: simulatedUser?.whenReady() ?? null,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
