/** The `tessera` command: a thin router, one file per command under ./commands. */
import { Command } from 'commander';
import { registerStartCommand } from './commands/start.js';

const program = new Command('tessera').description('Tessera: two-party RSA electronic identity');
registerStartCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  // A plain sentence, never a stack trace: CryptoError and friends carry people-readable messages.
  console.error(`tessera: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
