/** `tessera ca revoke <serial> --reason <reason>`: revokes a certificate the CA issued. */
import { isRevocationReason, REVOCATION_REASON_CODES } from '@tessera/pki';
import { loadConfig, openCertificateAuthorityFromConfig } from '@tessera/server';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../report-error.js';

/** Runs `ca revoke`. */
export async function caRevoke(io: CliIo, serial: string, options: { reason: string }): Promise<void> {
  if (!isRevocationReason(options.reason)) {
    throw new UsageError(`--reason must be one of ${Object.keys(REVOCATION_REASON_CODES).join(', ')}.`);
  }
  const ca = await openCertificateAuthorityFromConfig(loadConfig(io.env));
  try {
    const { record, alreadyRevoked } = await ca.revoke(serial, options.reason);
    const { revokedAt, reason } = record.revocation!;
    io.write(
      alreadyRevoked
        ? `Certificate ${record.serial} was already revoked at ${revokedAt} (${reason}).\n`
        : `Revoked certificate ${record.serial} (${reason}) at ${revokedAt}.\n`,
    );
  } finally {
    await ca.close();
  }
}

/** Registers `ca revoke` under the `ca` command. */
export function registerCaRevoke(
  ca: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
): void {
  ca.command('revoke')
    .description('revoke a certificate by its serial number (hex, as openssl prints it)')
    .argument('<serial>', 'serial number in hex')
    .option(
      '--reason <reason>',
      'CRL reason: keyCompromise, cessationOfOperation, superseded, ...',
      'unspecified',
    )
    .action((serial: string, options: { reason: string }) => run(() => caRevoke(io, serial, options)));
}
