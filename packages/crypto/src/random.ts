/** A source of uniformly random bytes: injected everywhere randomness is used, so tests can seed it. */
export type RandomSource = (length: number) => Uint8Array;

/** The platform CSPRNG (WebCrypto `getRandomValues`, in Node and the browser). */
export const systemRandom: RandomSource = (length) => {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, i + 65536));
  return out;
};
