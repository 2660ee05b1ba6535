/**
 * A headless device (`@tessera/device`, memory vault) that talks to a test server over HTTP and reads the
 * server's settable clock. A test changes only what it exercises: another clock, a vault of its own (a clone of
 * another device's state), or a transport fetch that misbehaves.
 */
import { systemRandom } from '@tessera/crypto';
import { type AppApiTransport, createMemoryVault, type DeviceContext } from '@tessera/device';
import type { TestIdentityServer } from './identity-server.js';

export function headlessDevice(
  server: Pick<TestIdentityServer, 'url' | 'clock'>,
  {
    vault = createMemoryVault(),
    now = () => server.clock.now().getTime(),
    fetch: send = (url, init) => fetch(url, init),
  }: { vault?: DeviceContext['vault']; now?: () => number; fetch?: AppApiTransport['fetch'] } = {},
): DeviceContext {
  return { vault, transport: { baseUrl: server.url, fetch: send }, random: systemRandom, now };
}
