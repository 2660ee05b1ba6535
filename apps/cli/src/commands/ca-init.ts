/** `tessera ca init`: creates the CA hierarchy with its keys in the configured key backend, showing progress. */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import { decodeBase64, formatDistinguishedName, parseCertificate } from '@tessera/pki';
import {
  caStorePath,
  type HierarchyRecord,
  loadConfig,
  openCaStoreFromConfig,
  openCertificateAuthority,
  openKeyBackend,
  planCaInit,
  systemClock,
} from '@tessera/server';
import type { Command } from 'commander';
import { Listr } from 'listr2';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../report-error.js';

const RESPONDER_KEYS = { '2048': 'RSA_2048', '3072': 'RSA_3072', '4096': 'RSA_4096' } as const;

/** Runs `ca init`; resolves when the hierarchy is stored and the chain written. */
export async function caInit(io: CliIo, options: { responderKeyBits: string }): Promise<HierarchyRecord> {
  const responderKeyAlgorithm = RESPONDER_KEYS[options.responderKeyBits as keyof typeof RESPONDER_KEYS];
  if (responderKeyAlgorithm === undefined) {
    throw new UsageError(`--responder-key-bits must be 2048, 3072 or 4096, not ${options.responderKeyBits}.`);
  }
  const config = loadConfig(io.env);
  for (const announcement of config.announcements) io.write(`note: ${announcement}\n`);
  const records = await openCaStoreFromConfig(config);
  const store = records.store;
  const keys = await openKeyBackend(config).catch(async (error) => {
    await records.close();
    throw error;
  });
  try {
    const plan = planCaInit({
      store,
      keys,
      policy: config.ca.policy,
      publicUrl: config.publicUrl,
      clock: systemClock,
      random: systemRandom,
      responderKeyAlgorithm,
    });
    const tasks = new Listr(
      plan.steps.map((step) => ({ title: step.title, task: () => step.run() })),
      { renderer: io.progress, fallbackRenderer: 'simple', exitOnError: true },
    );
    await tasks.run();
    const hierarchy = plan.result();
    // Opening the CA once checks every key against its certificate before the operator relies on it.
    const ca = await openCertificateAuthority({
      store,
      keys,
      policy: config.ca.policy,
      publicUrl: config.publicUrl,
    });
    const chainPath = join(dirname(caStorePath(config)), 'ca-chain.pem');
    await mkdir(dirname(chainPath), { recursive: true });
    await writeFile(chainPath, ca.caChainPem());
    await ca.close();
    io.write(`\nCA hierarchy created with ${keys.description}:\n`);
    for (const authority of hierarchy.authorities) {
      const der = decodeBase64(authority.certificate)!;
      const fingerprint = createHash('sha256')
        .update(der)
        .digest('hex')
        .toUpperCase()
        .match(/../g)!
        .join(':');
      io.write(`  ${authority.name.padEnd(9)} ${formatDistinguishedName(parseCertificate(der).subject)}\n`);
      io.write(`            SHA-256 ${fingerprint}\n`);
    }
    io.write(
      `Chain for relying parties: ${chainPath} (also served at ${config.publicUrl}/pki/ca-chain.pem)\n`,
    );
    return hierarchy;
  } finally {
    await keys.close();
    await records.close();
  }
}

/** Registers `ca init` under the `ca` command. */
export function registerCaInit(
  ca: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
): void {
  ca.command('init')
    .description(
      'create the root and issuing CAs and their OCSP responders, keys in the configured key backend',
    )
    .option('--responder-key-bits <bits>', 'RSA size of the OCSP responder keys (2048, 3072, 4096)', '3072')
    .action((options: { responderKeyBits: string }) => run(() => caInit(io, options)));
}
