import { PkiError } from './pki-error.js';

/** Base64 of `bytes` (standard alphabet, padded). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of standard, padded Base64 text (whitespace ignored); undefined if it is not Base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) return undefined;
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** PEM text for DER bytes under `label` ("CERTIFICATE", "X509 CRL", ...), 64 characters a line. */
export function encodePem(label: string, der: Uint8Array): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block labelled `label` in `text`, decoded, in order. Throws MALFORMED_PEM on a broken block. */
export function decodePem(text: string, label: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
  for (const m of text.matchAll(block)) {
    if (m[1] !== m[3])
      throw new PkiError('MALFORMED_PEM', `A PEM block begins as ${m[1]} and ends as ${m[3]}.`);
    if (m[1] !== label) continue;
    const der = decodeBase64(m[2]!);
    if (der === undefined || der.length === 0) {
      throw new PkiError('MALFORMED_PEM', `A ${label} PEM block is not valid Base64.`);
    }
    out.push(der);
  }
  return out;
}
