import type { Command } from 'commander';
import { runTwoPartyDemo } from './two-party-demo.js';

/**
 * `tessera demo`: the two-party signing protocol in the terminal, without a server: generate and split a key,
 * mask the device share with a PIN, sign, verify with node:crypto, and show the server side catching a wrong PIN.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('show the two-party signing protocol in the terminal, without a server')
    .option('--pin <digits>', 'the demo PIN (digits only)', '24680')
    .option('--wrong-pin <digits>', 'a wrong PIN to show the server catching it', '13579')
    .option('--bits <n>', 'modulus size: 3072 or 4096', '3072')
    .action(async (opts: { pin: string; wrongPin: string; bits: string }) => {
      const profile =
        opts.bits === '4096' ? 'production-4096' : opts.bits === '3072' ? 'production-3072' : null;
      if (profile === null) program.error('The modulus size must be 3072 or 4096 bits.');
      if (opts.pin === opts.wrongPin) program.error('The wrong PIN must differ from the PIN.');
      const message = 'Hello from Tessera';
      console.log('Tessera two-party RSA demo: a device and a server, each holding half a private key.\n');
      await runTwoPartyDemo({ profile, pin: opts.pin, wrongPin: opts.wrongPin, message });
      console.log(
        '\nDone. Neither side could sign alone; only the server could tell the wrong PIN, and it counted it.',
      );
    });
}
