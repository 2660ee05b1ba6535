import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSoftwareKeyShareVault, type KeyShareVault } from '@tessera/core';
import {
  decodeBase64url,
  encodeBase64url,
  exportEnvelopePublicKey,
  generateEnvelopeKeyPair,
  importEnvelopeKeyPair,
  type RandomSource,
} from '@tessera/crypto';
import type { ServerConfig } from '../config.js';
import { ConfigError } from '../config-error.js';

/** The server's own secrets for the two-party protocol: the envelope key devices seal to, and the share vault. */
export interface ServerSecrets {
  readonly envelopeKey: CryptoKeyPair;
  readonly envelopePublicKeyJwk: JsonWebKey;
  readonly vault: KeyShareVault;
}

/** The file: the key-encryption key of the share vault and the envelope private key, base64url and JWK. */
interface SecretsFile {
  readonly version: 1;
  readonly kek: string;
  readonly envelopePrivateKeyJwk: JsonWebKey;
}

/** Where the software secrets live: next to the CA's files in the data directory, readable by the owner only. */
export function serverSecretsPath(config: ServerConfig): string {
  return join(config.dataDir, 'server-secrets.json');
}

/**
 * Writes new secrets unless the file exists, atomically and exclusively: the file appears whole (a hard link to
 * a finished temporary file), and of several server processes starting at once on one data directory exactly
 * one creates it; the others get undefined and read the winner's. Two sets of secrets would leave the shares
 * each process wraps unreadable to the others.
 */
async function createExclusively(path: string, random: RandomSource): Promise<SecretsFile | undefined> {
  const pair = await generateEnvelopeKeyPair({ extractable: true });
  const file: SecretsFile = {
    version: 1,
    kek: encodeBase64url(random(32)),
    envelopePrivateKeyJwk: await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey),
  };
  const temporary = `${path}.${process.pid}.${encodeBase64url(random(6))}.tmp`;
  await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
  try {
    await link(temporary, path);
    return file;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/**
 * The server secrets as SOFTWARE KEYS IN THE DATA DIRECTORY, FOR DEVELOPMENT AND THE SANDBOX ONLY: created on
 * the first start (mode 0600), read on every later one. Several server processes may share the data directory
 * (and so the secrets); when they start at once, exactly one creates the file. Refused when
 * NODE_ENV=production, where the key-encryption key must live in the HSM (not available yet).
 */
export async function openSoftwareServerSecrets(
  config: ServerConfig,
  random: RandomSource,
): Promise<ServerSecrets> {
  if (config.environment === 'production') {
    throw new ConfigError(
      'Software server secrets (share vault KEK, envelope key) are refused when NODE_ENV=production.',
    );
  }
  const path = serverSecretsPath(config);
  await mkdir(config.dataDir, { recursive: true });
  const read = async (): Promise<SecretsFile | undefined> => {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as SecretsFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ConfigError(`${path}: cannot read the server secrets.`, { cause: error });
    }
  };
  const file = (await read()) ?? (await createExclusively(path, random)) ?? (await read());
  if (file === undefined) throw new ConfigError(`${path}: the server secrets vanished while being created.`);
  await chmod(path, 0o600);
  if (file.version !== 1 || typeof file.kek !== 'string') {
    throw new ConfigError(`${path}: not a server secrets file of version 1.`);
  }
  const envelopeKey = await importEnvelopeKeyPair(file.envelopePrivateKeyJwk);
  return {
    envelopeKey,
    envelopePublicKeyJwk: await exportEnvelopePublicKey(envelopeKey.publicKey, 'jwk'),
    vault: await createSoftwareKeyShareVault(decodeBase64url(file.kek), random),
  };
}
