import { decodeBase64url, encodeBase64url } from '@tessera/crypto';

const BYTES = '$bytes';
const BYTES_KEY = `"${BYTES}"`;

/** JSON text for a value that may hold byte arrays (each becomes `{ "$bytes": base64url }`). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? { [BYTES]: encodeBase64url(v) } : v));
}

function reviveBytes(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const bytes = (v as Record<string, unknown>)[BYTES];
  return typeof bytes === 'string' && Object.keys(v).length === 1 ? decodeBase64url(bytes) : v;
}

/** The value `encodeJson` wrote, byte arrays restored (text without any is parsed without a reviver). */
export function decodeJson<T>(text: string): T {
  return (text.includes(BYTES_KEY) ? JSON.parse(text, reviveBytes) : JSON.parse(text)) as T;
}
