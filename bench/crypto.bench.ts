/**
 * Two-party RSA costs beside their physical floor, for 2048, 3072 and 4096 bits, all in one run:
 * - floor: one OpenSSL modexp with a full-size secret exponent (`createDiffieHellman` context reused),
 * - native: a full-key RSA PKCS#1 v1.5 signature by node:crypto,
 * - device partial signature `EM^d_dev mod n` with the BigInt and the OpenSSL backends (no cached context:
 *   a device keeps nothing of its share between signatures),
 * - server completion `y · EM^d_srv mod n` plus the `s^e ≡ EM` check (OpenSSL backend, context cached per key).
 *
 * Run: node --import tsx bench/crypto.bench.ts [--write]   (--write updates bench/RESULTS.md)
 * Bounded: each measurement stops after 3 s or 1000 iterations.
 */
import { createDiffieHellman, sign } from 'node:crypto';
import {
  bigintModExp,
  bigintToBytes,
  completeSignature,
  createOpensslModExp,
  signPartially,
} from '@tessera/crypto/node';
import { type Measurement, measure } from './lib/measure.js';
import { describeMachine, writeResultsSection } from './lib/results-file.js';
import { splitFreshKey } from './lib/split-fresh-key.js';

const SIZES = [2048, 3072, 4096] as const;
const message = new TextEncoder().encode('Tessera benchmark message');

interface Row {
  bits: number;
  floor: Measurement;
  native: Measurement;
  partialBigint: Measurement;
  partialOpenssl: Measurement;
  completion: Measurement;
}

async function benchSize(bits: number): Promise<Row> {
  const { privateKey, n, e, shares, expected, encodedMessage, em } = splitFreshKey(bits, message);
  const k = Math.ceil(bits / 8);

  // The floor: a bare OpenSSL modexp with an exponent as long as the modulus, context reused.
  const dh = createDiffieHellman(bigintToBytes(n, k));
  dh.setPrivateKey(bigintToBytes(shares.serverShare, k));
  const emBytes = bigintToBytes(em, k);
  const floor = await measure(`floor ${bits}`, () => dh.computeSecret(emBytes));

  const native = await measure(`native ${bits}`, () => sign('sha256', message, privateKey));

  const deviceOpenssl = createOpensslModExp({ maxCachedContexts: 0 });
  const partial = (modExp: typeof bigintModExp) => () =>
    signPartially({ modulus: n, deviceShare: shares.deviceShare, encodedMessage, expected, modExp });
  const partialBigint = await measure(`partial BigInt ${bits}`, partial(bigintModExp), { maxMs: 4000 });
  const partialOpenssl = await measure(`partial OpenSSL ${bits}`, partial(deviceOpenssl));

  const y = partial(bigintModExp)();
  const serverModExp = createOpensslModExp();
  const completion = await measure(`completion ${bits}`, () => {
    const result = completeSignature({
      modulus: n,
      publicExponent: e,
      serverShare: shares.serverShare,
      encodedMessage,
      partialSignature: y,
      modExp: serverModExp,
    });
    if (!result.ok) throw new Error('The benchmark key did not complete: the split is broken.');
  });
  return { bits, floor, native, partialBigint, partialOpenssl, completion };
}

const ms = (m: Measurement) => `${m.medianMs.toFixed(2)} ms`;

const rows: Row[] = [];
for (const bits of SIZES) {
  rows.push(await benchSize(bits));
  console.error(`measured ${bits} bits`);
}

const r3072 = rows.find((r) => r.bits === 3072)!;
const completionRatio = r3072.completion.medianMs / r3072.floor.medianMs;
const lines = [
  '## Two-party RSA (packages/crypto)',
  '',
  `Command: \`node --import tsx bench/crypto.bench.ts --write\`, run on ${new Date().toISOString().slice(0, 10)}.`,
  `Machine: ${describeMachine()}.`,
  '',
  'Medians (p95 in brackets). The floor is one OpenSSL modexp with a full-size secret exponent.',
  '',
  '| bits | floor: OpenSSL modexp | native full-key RSA sign | device partial, BigInt | device partial, OpenSSL | server completion | completion / floor |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.bits} | ${ms(r.floor)} (${r.floor.p95Ms.toFixed(2)}) | ${ms(r.native)} (${r.native.p95Ms.toFixed(2)}) | ${ms(r.partialBigint)} (${r.partialBigint.p95Ms.toFixed(2)}) | ${ms(r.partialOpenssl)} (${r.partialOpenssl.p95Ms.toFixed(2)}) | ${ms(r.completion)} (${r.completion.p95Ms.toFixed(2)}) | ${(r.completion.medianMs / r.floor.medianMs).toFixed(3)} |`,
  ),
  '',
  'Targets at 3072 bits:',
  `- server completion ≤ 1.15 × the floor: **${completionRatio.toFixed(3)} ×** — ${completionRatio <= 1.15 ? 'met' : 'NOT met'}.`,
  `- BigInt partial signature ≤ 40 ms median: **${r3072.partialBigint.medianMs.toFixed(1)} ms** — ${r3072.partialBigint.medianMs <= 40 ? 'met' : 'NOT met'} (${(r3072.partialBigint.medianMs / r3072.floor.medianMs).toFixed(2)} × the floor).`,
  '',
  'Reading the BigInt figure: the device exponent has L = 3200 bits, so about 3200 modular squarings bound it',
  'from below, and a 3072-bit squaring in V8 BigInt costs the same whether reduced with `%`, Montgomery or',
  'Barrett; windows of 4 to 7 bits change the total by under 4%. The ratio to the floor (about 6 ×) is the',
  'portable figure: on a CPU whose OpenSSL floor is above about 6.5 ms the 40 ms mark is out of reach for BigInt.',
];
const markdown = lines.join('\n');
console.log(markdown);
if (process.argv.includes('--write')) writeResultsSection('crypto', markdown);
