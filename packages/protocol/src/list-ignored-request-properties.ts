const KNOWN_REQUEST_PROPERTIES: readonly string[] = ['shareMdClientIpAddress'];

/**
 * The names of `requestProperties` members in a raw request body that the server does not know, in body
 * order: the status response echoes them as `ignoredProperties` (spec §2.1). Validators drop these members,
 * so call this on the body as received.
 */
export function listIgnoredRequestProperties(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const props = (body as Record<string, unknown>).requestProperties;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) return [];
  return Object.keys(props).filter((name) => !KNOWN_REQUEST_PROPERTIES.includes(name));
}
