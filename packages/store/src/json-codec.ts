import { decodeBase64url, encodeBase64url } from '@tessera/crypto';

const BYTES = '$bytes';

/** JSON text for a value that may hold byte arrays (each becomes `{ "$bytes": base64url }`). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? { [BYTES]: encodeBase64url(v) } : v));
}

/** The value `encodeJson` wrote, byte arrays restored. */
export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_key, v) =>
    v !== null && typeof v === 'object' && typeof v[BYTES] === 'string' && Object.keys(v).length === 1
      ? decodeBase64url(v[BYTES])
      : v,
  ) as T;
}
