/**
 * `tessera start`: runs the identity server. On the first run it creates the CA hierarchy (with progress), then
 * opens the store, listens, and says where everything is; the server's log goes to standard error. Stops cleanly
 * on SIGINT or SIGTERM.
 */
import { ensureAppBundle } from '@tessera/app/bundle';
import { loadConfig, openCaStoreFromConfig, startServer } from '@tessera/server';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { caInit } from './ca-init.js';

/** Starts the server; resolves once it listens, with a function that stops it. */
export async function start(io: CliIo): Promise<{ url: string; stop(): Promise<void> }> {
  const config = loadConfig(io.env);
  const records = await openCaStoreFromConfig(config);
  const hierarchy = await records.store.loadHierarchy().finally(() => records.close());
  if (hierarchy === undefined) {
    io.write('First run: creating the certificate authority.\n');
    await caInit(io, { responderKeyBits: '3072' });
  } else {
    for (const announcement of config.announcements) io.write(`note: ${announcement}\n`);
  }
  const appBundleDir = await ensureAppBundle();
  const server = await startServer(config, { appBundleDir, log: { write: (line) => io.writeError(line) } });
  const base = config.publicUrl;
  io.write(
    [
      '',
      `Tessera identity server listening on ${server.url} (${server.backend === 'pglite' ? `embedded PGlite in ${config.database.pgliteDir}` : 'PostgreSQL'})`,
      ...(config.sandbox
        ? [
            'SANDBOX MODE: demo relying party 00000000-0000-4000-8000-000000000000 / DEMO',
            ...(config.sandbox.simulatedUser
              ? [
                  `  test accounts     the published Smart-ID demo accounts, answered by a simulated user (docs/sandbox.md)`,
                  `  mock device link  ${base}/mock/device-link`,
                ]
              : ['  test accounts     not answered by this process (TESSERA_SANDBOX_SIMULATED_USER=off)']),
          ]
        : []),
      `  the app           ${base}/ (the phone app; ${base}/watch for a paired watch)`,
      `  RP API v3         ${base}/v3`,
      `  app API           ${base}/app/v1 (tessera device --help)`,
      `  API docs          ${base}/docs`,
      `  CA chain (PEM)    ${base}/pki/ca-chain.pem`,
      `  OCSP              ${base}/pki/ocsp`,
      `  metrics           ${base}/metrics (Prometheus)`,
      `  log               ${config.logLevel === 'silent' ? 'off' : `standard error, JSON lines from level ${config.logLevel}`} (TESSERA_LOG_LEVEL)`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  server.scriptedAccountsReady?.then(
    (enrolled) => {
      if (enrolled > 0) io.write(`Sandbox: the ${enrolled} scripted test accounts are ready.\n`);
    },
    (error: unknown) =>
      io.write(`Sandbox: the scripted test accounts could not be created: ${(error as Error).message}\n`),
  );
  return { url: server.url, stop: () => server.close() };
}

/** Registers `start`. */
export function registerStart(
  program: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
) {
  program
    .command('start')
    .description('run the identity server (creates the CA on the first run)')
    .action(() =>
      run(async () => {
        const { stop } = await start(io);
        await new Promise<void>((resolve) => {
          const shutdown = () => {
            io.write('Stopping.\n');
            stop().then(resolve, resolve);
          };
          process.once('SIGINT', shutdown);
          process.once('SIGTERM', shutdown);
        });
      }),
    );
}
