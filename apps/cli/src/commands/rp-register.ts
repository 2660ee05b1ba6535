/**
 * `tessera rp register`: registers (or replaces) a relying party — its UUID, the names it may show, the addresses
 * it calls from, its permissions and its broker name. With the embedded database, run it while the server is
 * stopped.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { RelyingParty } from '@tessera/core';
import { loadConfig, openStoreFromConfig } from '@tessera/server';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../report-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The options as commander collects them. */
export interface RpRegisterOptions {
  uuid?: string;
  name: string[];
  source: string[];
  advanced?: boolean;
  shareIp?: boolean;
  broker?: string;
}

function checkSource(source: string): string {
  if (source === '*' || isIP(source) !== 0) return source;
  const [network, bits] = source.split('/');
  if (isIP(network ?? '') === 4 && /^([0-9]|[12][0-9]|3[0-2])$/.test(bits ?? '')) return source;
  throw new UsageError(`--source "${source}" is not an address, an IPv4 block such as 203.0.113.0/24, or *.`);
}

/** Validates the options into a relying party; every refusal is a sentence naming the option. */
export function toRelyingParty(options: RpRegisterOptions): RelyingParty {
  const id = (options.uuid ?? randomUUID()).toLowerCase();
  if (!UUID.test(id)) throw new UsageError(`--uuid "${options.uuid}" is not a UUID.`);
  if (options.name.length === 0) throw new UsageError('Give at least one --name the relying party may show.');
  for (const name of options.name) {
    const bytes = new TextEncoder().encode(name).length;
    if (name.trim() === '' || bytes > 32) {
      throw new UsageError(`--name "${name}" must be 1 to 32 bytes of UTF-8 (what the app can show).`);
    }
  }
  if (options.source.length === 0) {
    throw new UsageError('Give at least one --source address or block (or * for any, as in the sandbox).');
  }
  return {
    id,
    names: options.name,
    allowedSources: options.source.map(checkSource),
    permissions: {
      advancedAccounts: options.advanced === true,
      shareDeviceIpAddress: options.shareIp === true,
    },
    ...(options.broker === undefined ? {} : { brokerName: options.broker }),
  };
}

/** Runs `rp register`. */
export async function rpRegister(io: CliIo, options: RpRegisterOptions): Promise<RelyingParty> {
  const rp = toRelyingParty(options);
  const store = await openStoreFromConfig(loadConfig(io.env));
  try {
    await store.relyingParties.put(rp);
  } finally {
    await store.close();
  }
  io.write(
    `Registered relying party ${rp.id}: ${rp.names.join(', ')}; from ${rp.allowedSources.join(', ')}; ` +
      `ADVANCED accounts ${rp.permissions.advancedAccounts ? 'allowed' : 'not allowed'}, ` +
      `device IP sharing ${rp.permissions.shareDeviceIpAddress ? 'allowed' : 'not allowed'}` +
      `${rp.brokerName === undefined ? '' : `; broker ${rp.brokerName}`}.\n`,
  );
  return rp;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `rp register` under the `rp` command. */
export function registerRpRegister(
  rp: Command,
  io: CliIo,
  run: (work: () => Promise<unknown>) => Promise<void>,
) {
  rp.command('register')
    .description(
      'register or replace a relying party (with the embedded database, while the server is stopped)',
    )
    .option('--uuid <uuid>', 'its relyingPartyUUID (a new one is made when absent)')
    .option('--name <name>', 'a name it may show, matched case-insensitively (repeatable)', collect, [])
    .option('--source <address>', 'an address or IPv4 block it calls from, or * (repeatable)', collect, [])
    .option('--advanced', 'may ask for ADVANCED (non-qualified) accounts')
    .option('--share-ip', 'may ask for the device IP address')
    .option('--broker <name>', 'the broker name shown as brokeredRpName')
    .action((options: RpRegisterOptions) => run(() => rpRegister(io, options)));
}
