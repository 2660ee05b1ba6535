import { DeviceError } from '@tessera/device';
import { PkiError } from '@tessera/pki';
import { CaError, ConfigError } from '@tessera/server';
import type { CliIo } from './cli-io.js';

/** A command line that cannot be run as given (a bad option value). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Prints a command's failure as one plain sentence, never a stack trace (CaError, PkiError, ConfigError, DeviceError
 * and CryptoError carry people-readable messages; coded ones show their code too), and returns the exit code 1.
 */
export function reportError(io: CliIo, error: unknown): number {
  const coded =
    error instanceof ConfigError ||
    error instanceof CaError ||
    error instanceof PkiError ||
    error instanceof DeviceError;
  const message = error instanceof Error ? error.message : String(error);
  io.writeError(`tessera: ${message}${coded ? ` (${error.code})` : ''}\n`);
  return 1;
}
