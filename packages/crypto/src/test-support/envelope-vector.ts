/** Test-only access to `vectors/envelope-v1.json` and `vectors/clone-token-v1.json`. */
import { CryptoError } from '../crypto-error.js';
import { fromHex, readVectorFile } from './fixtures.js';

/** `vectors/envelope-v1.json`. */
export interface EnvelopeVector {
  source: string;
  recipientPrivateJwk: JsonWebKey;
  ephemeralPrivateJwk: JsonWebKey;
  nonceHex: string;
  plaintextHex: string;
  associatedDataFields: string[];
  associatedDataHex: string;
  envelopeBase64url: string;
}

/** `vectors/clone-token-v1.json`. */
export interface CloneTokenVector {
  source: string;
  tokenHex: string;
  tokenHashHex: string;
  nextTokenHex: string;
  nextTokenHashHex: string;
  requestFields: string[];
  requestBytesHex: string;
  requestDigestHex: string;
  responseHex: string;
}

export function loadEnvelopeVector(): EnvelopeVector {
  return readVectorFile<EnvelopeVector>('envelope-v1.json');
}

export function loadCloneTokenVector(): CloneTokenVector {
  return readVectorFile<CloneTokenVector>('clone-token-v1.json');
}

/** A RandomSource that hands out the given bytes once, then refuses. */
export function fixedRandom(hex: string): (length: number) => Uint8Array {
  let used = false;
  return (length) => {
    const bytes = fromHex(hex);
    if (used || bytes.length !== length)
      throw new Error(`fixedRandom: unexpected request for ${length} bytes`);
    used = true;
    return bytes;
  };
}

/** The CryptoError code a promise rejects with, `undefined` if it resolves, or a marker for another error. */
export async function rejectionCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof CryptoError ? error.code : `not a CryptoError: ${String(error)}`;
  }
  return undefined;
}
