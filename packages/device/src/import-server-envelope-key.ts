import { importEnvelopePublicKey } from '@tessera/crypto';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData } from './device-vault.js';

/** The server's envelope key from the vault, ready to seal to; `INVALID_RESPONSE` if the server sent a bad one. */
export async function importServerEnvelopeKey(data: DeviceVaultData): Promise<CryptoKey> {
  try {
    return await importEnvelopePublicKey(data.serverEnvelopePublicKeyJwk);
  } catch (cause) {
    throw new DeviceError('INVALID_RESPONSE', 'The server envelope key is not an ECDH P-256 public key.', {
      cause,
    });
  }
}
