import type { CompanionChannel } from '@tessera/core';
import type { PairingStatusResponse } from '@tessera/protocol';

/** A pairing as both sides see it: public values only. */
export function toPairingStatus(channel: CompanionChannel): PairingStatusResponse {
  return {
    pairingId: channel.id,
    version: channel.version,
    phoneCommitment: channel.phoneCommitment,
    watchPublicKey: channel.watchPublicKey,
    phonePublicKey: channel.phonePublicKey,
    phoneNonce: channel.phoneNonce,
    phoneConfirmed: channel.phoneConfirmed,
    watchConfirmed: channel.watchConfirmed,
    confirmed: channel.confirmedAt !== null,
    expiresAt: new Date(channel.expiresAt).toISOString(),
  };
}
