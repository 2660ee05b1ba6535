import { createHash } from 'node:crypto';

/** The form a channel credential is stored in: SHA-256, base64url. The token itself is never stored or logged. */
export function hashChannelToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
