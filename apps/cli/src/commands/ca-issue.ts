/**
 * `tessera ca issue`: issues an end-entity certificate from a CSR and identity data given on the command line,
 * for operators and integrators trying the CA with standard tools (accounts get theirs at enrolment).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type CertificateLevel, type CertificatePurpose, decodePem, encodePem } from '@tessera/pki';
import { loadConfig, openCertificateAuthorityFromConfig } from '@tessera/server';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../report-error.js';

/** The options of `ca issue`. */
export interface CaIssueOptions {
  readonly csr: string;
  readonly level: string;
  readonly purpose: string;
  readonly country: string;
  readonly givenName: string;
  readonly surname: string;
  readonly semanticsId: string;
  readonly documentNumber: string;
  readonly dateOfBirth?: string;
  readonly out?: string;
}

/** Runs `ca issue`; returns the new certificate's serial. */
export async function caIssue(io: CliIo, options: CaIssueOptions): Promise<string> {
  if (options.level !== 'QUALIFIED' && options.level !== 'ADVANCED') {
    throw new UsageError('--level must be QUALIFIED or ADVANCED.');
  }
  if (options.purpose !== 'AUTHENTICATION' && options.purpose !== 'SIGNING') {
    throw new UsageError('--purpose must be AUTHENTICATION or SIGNING.');
  }
  const file = await readFile(options.csr);
  const text = file.toString('latin1');
  const csr = text.includes('-----BEGIN') ? decodePem(text, 'CERTIFICATE REQUEST')[0] : new Uint8Array(file);
  if (csr === undefined) throw new UsageError(`${options.csr} holds no CERTIFICATE REQUEST.`);
  const ca = await openCertificateAuthorityFromConfig(loadConfig(io.env));
  try {
    const issued = await ca.issue({
      csr,
      level: options.level as CertificateLevel,
      purpose: options.purpose as CertificatePurpose,
      identity: {
        country: options.country,
        givenName: options.givenName,
        surname: options.surname,
        semanticsIdentifier: options.semanticsId,
        documentNumber: options.documentNumber,
        ...(options.dateOfBirth ? { dateOfBirth: options.dateOfBirth } : {}),
      },
    });
    const pem = encodePem('CERTIFICATE', issued.certificate);
    if (options.out) {
      await writeFile(options.out, pem);
      io.write(`Issued certificate ${issued.serial} to ${options.out}.\n`);
    } else io.write(pem);
    return issued.serial;
  } finally {
    await ca.close();
  }
}

/** Registers `ca issue` under the `ca` command. */
export function registerCaIssue(
  ca: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
): void {
  ca.command('issue')
    .description('issue an end-entity certificate from a CSR (PEM or DER) and identity data')
    .requiredOption('--csr <file>', 'the certification request, signed with the key to certify')
    .requiredOption('--level <level>', 'QUALIFIED or ADVANCED')
    .requiredOption('--purpose <purpose>', 'AUTHENTICATION or SIGNING')
    .requiredOption('--country <C>', 'ISO 3166 country code, e.g. EE')
    .requiredOption('--given-name <GN>', 'given name, e.g. OK')
    .requiredOption('--surname <SN>', 'surname, e.g. TESTNUMBER')
    .requiredOption('--semantics-id <id>', 'semantics identifier, e.g. PNOEE-40504040001')
    .requiredOption('--document-number <id>', 'document number, e.g. PNOEE-40504040001-MOCK-Q')
    .option('--date-of-birth <YYYY-MM-DD>', 'date of birth')
    .option('--out <file>', 'write the certificate PEM here instead of to standard output')
    .action((options: CaIssueOptions) => run(() => caIssue(io, options)));
}
