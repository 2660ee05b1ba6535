/**
 * The scheme name that opens the authCode and ACSP_V2 payloads (spec §4.3, §6.1): `smart-id` in the live
 * environment, `smart-id-demo` in the demo one. Configurable everywhere; Tessera defaults to the demo name.
 */
export const SCHEME_NAMES = { live: 'smart-id', demo: 'smart-id-demo' } as const;

/** The scheme name used when none is configured: the demo environment's. */
export const DEFAULT_SCHEME_NAME = SCHEME_NAMES.demo;
