/**
 * A whole identity server for end-to-end tests, listening on 127.0.0.1 (a free port): software CA, store
 * (embedded PGlite unless a store is given), server secrets in the CA's data directory, the sandbox's demo
 * relying party, RP API and app API. Its clock is settable, for the lock ladder.
 */
import type { AddressInfo } from 'node:net';
import { createSessionWaiter, SANDBOX_DEMO_RELYING_PARTY } from '@tessera/core';
import { systemRandom } from '@tessera/crypto';
import { createOpensslModExp } from '@tessera/crypto/node';
import { openStore, type Store } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import {
  openSoftwareServerSecrets,
  type ServerSecrets,
} from '../../src/app-api/open-software-server-secrets.js';
import { asCertificateIssuer } from '../../src/ca/as-certificate-issuer.js';
import { asCertificateRevoker } from '../../src/ca/as-certificate-revoker.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
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
  close(): Promise<void>;
}

/** Starts the server; `env` adds configuration (TESSERA_SESSION_TIMEOUT_MS, …). */
export async function startTestIdentityServer(env: Record<string, string> = {}): Promise<TestIdentityServer> {
  const clock = testClock(new Date());
  const software: SoftwareCa = await createSoftwareCa(clock);
  const ca = await software.open();
  const store = await openStore();
  await store.relyingParties.put(SANDBOX_DEMO_RELYING_PARTY);
  const config = testConfig({ TESSERA_DATA_DIR: software.dataDir, ...env });
  // One settable time for the CA (Date) and the domain (milliseconds).
  const secrets = await openSoftwareServerSecrets(config, systemRandom);
  const ports = {
    waiter: createSessionWaiter(),
    clock: { now: () => clock.now().getTime() },
    random: systemRandom,
  };
  const app = await buildApp(config, {
    ca,
    rpApi: { ...store, ...ports },
    appApi: {
      ...store,
      ...ports,
      secrets,
      modExp: createOpensslModExp(),
      issuer: asCertificateIssuer(ca),
      revoker: asCertificateRevoker(ca),
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    ca,
    clock,
    secrets,
    async close() {
      await app.close();
      await store.close();
      await ca.close();
      await software.cleanup();
    },
  };
}
