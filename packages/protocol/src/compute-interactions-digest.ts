import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64 } from './base64.js';

/** The ACSP_V2 interactions field: standard Base64 of SHA-256 over the UTF-8 of the interactions *Base64 text*. */
export function computeInteractionsDigest(interactions: string): string {
  return encodeBase64(sha256(new TextEncoder().encode(interactions)));
}
