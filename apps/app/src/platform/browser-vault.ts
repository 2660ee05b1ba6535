import type { DeviceVault, DeviceVaultData } from '@tessera/device';

const DATABASE = 'tessera';
const STORE = 'state';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DATABASE, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return opened;
}

/** Reads one record of the app's IndexedDB store (structured clone: `CryptoKey` objects survive). */
export async function readRecord<T>(key: string): Promise<T | null> {
  const db = await database();
  const value = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
  return (value as T | undefined) ?? null;
}

/** Writes (or, with null, deletes) one record of the app's IndexedDB store. */
export async function writeRecord<T>(key: string, value: T | null): Promise<void> {
  const db = await database();
  const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
  if (value === null) await request(store.delete(key));
  else await request(store.put(value, key));
}

/**
 * The device vault in IndexedDB. The device key stays a non-extractable `CryptoKey` (stored as an object, never
 * as bytes); the masked shares are useless without the PINs, which are never stored.
 */
export function createBrowserVault(): DeviceVault {
  return {
    load: () => readRecord<DeviceVaultData>('device'),
    save: (data) => writeRecord('device', data),
  };
}
