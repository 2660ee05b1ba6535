/** The `tessera` command: a thin router, one file per command under ./commands. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './cli-io.js';
import { registerCaInit } from './commands/ca-init.js';
import { registerCaIssue } from './commands/ca-issue.js';
import { registerCaRevoke } from './commands/ca-revoke.js';
import { registerDemo } from './commands/demo.js';
import { registerDevice } from './commands/device.js';
import { registerRpRegister } from './commands/rp-register.js';
import { registerStart } from './commands/start.js';
import { reportError } from './report-error.js';

/** Runs the command line `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  // A command's work may resolve to its exit code (the device commands: 1 for a refused PIN, a timeout, …).
  const run = async (work: () => Promise<unknown>) => {
    try {
      const result = await work();
      if (typeof result === 'number') exitCode = result;
    } catch (error) {
      exitCode = reportError(io, error);
    }
  };
  const program = new Command('tessera')
    .description('Tessera: two-party RSA electronic identity')
    .exitOverride()
    .configureOutput({ writeOut: io.write, writeErr: io.writeError });
  registerStart(program, io, run);
  registerDemo(program);
  const ca = program.command('ca').description('certificate authority administration');
  registerCaInit(ca, io, run);
  registerCaIssue(ca, io, run);
  registerCaRevoke(ca, io, run);
  const rp = program.command('rp').description('relying party administration');
  registerRpRegister(rp, io, run);
  registerDevice(program, io, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return reportError(io, error);
  }
  return exitCode;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2));
