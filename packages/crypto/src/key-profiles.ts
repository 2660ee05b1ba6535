/** The key profiles: one table for the modulus sizes Tessera generates. */
export type KeyProfile = 'production-3072' | 'production-4096' | 'test-2048';

/** Parameters of one key profile. */
export interface KeyProfileParameters {
  readonly modulusBits: number;
  /** The public exponent: always 65537. */
  readonly publicExponent: bigint;
  /** True for sizes only tests may use (2048 bits is below current European guidance of ≥ 3000). */
  readonly testOnly: boolean;
}

/** `k = 3072` by default, 4096 allowed, 2048 only when a test asks for it by name. */
export const keyProfiles: Readonly<Record<KeyProfile, KeyProfileParameters>> = Object.freeze({
  'production-3072': Object.freeze({ modulusBits: 3072, publicExponent: 65537n, testOnly: false }),
  'production-4096': Object.freeze({ modulusBits: 4096, publicExponent: 65537n, testOnly: false }),
  'test-2048': Object.freeze({ modulusBits: 2048, publicExponent: 65537n, testOnly: true }),
});

/** The profile used when none is named. */
export const defaultKeyProfile: KeyProfile = 'production-3072';

/**
 * Extra bits of the device share over the modulus: `L = k + 128`, so the share, uniform over `[0, 2^L)`,
 * hides `d mod λ` statistically (distance ≤ 2^-128).
 */
export const DEVICE_SHARE_EXTRA_BITS = 128;

/** The device share length `L` in bits for a modulus of `modulusBits` bits. */
export function deviceShareBits(modulusBits: number): number {
  return modulusBits + DEVICE_SHARE_EXTRA_BITS;
}
