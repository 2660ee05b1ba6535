/**
 * The physical floors of the server's work per signature, measured in the load run itself: the server-share
 * exponentiation (OpenSSL modexp, 3072-bit modulus, full-size secret exponent, context cached per key as the
 * server keeps it) and the public-exponent check `s^e mod n` that accepts the result.
 */
import {
  bigintModExp,
  bytesToBigint,
  completeSignature,
  createOpensslModExp,
  signPartially,
} from '@tessera/crypto/node';
// Not exported by @tessera/crypto: the very function `completeSignature` checks every signature with.
import { powModPublic } from '../../packages/crypto/src/integer-math.js';
import { type Measurement, measure } from './measure.js';
import { splitFreshKey } from './split-fresh-key.js';

/** The floors at 3072 bits. */
export interface Floors {
  readonly serverShare: Measurement;
  readonly publicCheck: Measurement;
}

const BITS = 3072;

/** Measures the floors, each for at most `maxMs` and again whenever asked, on one fresh 3072-bit key split into shares. */
export interface FloorMeter {
  serverShare(maxMs: number): Promise<Measurement>;
  publicCheck(maxMs: number): Promise<Measurement>;
}

/**
 * Splits the key and checks it completes, once. The floors are measured again beside each closed loop: the CPU
 * a machine of this kind gives varies within one run (a modexp median of 6.4 ms and 8.0 ms have been seen an hour
 * apart), so each loop's CPU is set against the floor of its own minutes.
 */
export function createFloorMeter(): FloorMeter {
  const { n, e, shares, expected, encodedMessage, em } = splitFreshKey(
    BITS,
    new TextEncoder().encode('Tessera load benchmark'),
  );
  const serverModExp = createOpensslModExp();
  const context = serverModExp.bind(n, shares.serverShare);
  const partialSignature = signPartially({
    modulus: n,
    deviceShare: shares.deviceShare,
    encodedMessage,
    expected,
    modExp: bigintModExp,
  });
  const completed = completeSignature({
    modulus: n,
    publicExponent: e,
    serverShare: shares.serverShare,
    encodedMessage,
    partialSignature,
    modExp: serverModExp,
  });
  if (!completed.ok) throw new Error('The floor key did not complete: the split is broken.');
  const s = bytesToBigint(completed.signature);
  return {
    serverShare: (maxMs) => measure('server-share modexp 3072', () => context.pow(em), { maxMs }),
    publicCheck: (maxMs) =>
      measure(
        'public-exponent check 3072',
        () => {
          if (powModPublic(s, e, n) !== em) throw new Error('The public-exponent check failed.');
        },
        { maxMs },
      ),
  };
}
