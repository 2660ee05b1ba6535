import type { DeviceContext } from '../device-context.js';
import { loadVault } from '../load-vault.js';
import { deleteChannel } from './await-pairing.js';

/**
 * Unpairs the phone's watch: the relay forgets the channel for both (the watch learns it on its next poll) and
 * the vault forgets its keys. Without a paired watch it does nothing.
 */
export async function unpairCompanion(context: DeviceContext): Promise<void> {
  const data = await loadVault(context);
  const companion = data.companion;
  if (companion === undefined) return;
  await deleteChannel(
    { fetch: context.transport.fetch, baseUrl: context.transport.baseUrl },
    { pairingId: companion.channelId, token: companion.token },
  );
  const current = await loadVault(context);
  delete current.companion;
  await context.vault.save(current);
}
