import type { DeviceContext } from '@tessera/device';
import { createBrowserVault } from './browser-vault.js';

/** The device context of the app: the IndexedDB vault, this origin's app API, WebCrypto randomness, the clock. */
export function createDeviceContext(): DeviceContext {
  return {
    vault: createBrowserVault(),
    transport: {
      baseUrl: globalThis.location.origin,
      fetch: (url, init) => globalThis.fetch(url, { ...init, cache: 'no-store' }),
    },
    random: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    now: () => Date.now(),
  };
}
