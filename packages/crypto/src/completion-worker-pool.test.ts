import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigintToBytes, bytesToBigint } from './bytes.js';
import { completeSignature } from './complete-signature.js';
import { type CompletionWorkerPool, createCompletionWorkerPool } from './completion-worker-pool.js';
import type { CryptoError } from './crypto-error.js';
import { encodeMessage } from './encode-message.js';
import { hashMessage } from './hash-algorithms.js';
import { createOpensslModExp } from './openssl-mod-exp.js';
import { signPartially } from './sign-partially.js';
import { completeOnCallingThread, type SignatureCompleter } from './signature-completer.js';
import { splitPrivateExponent } from './split-private-exponent.js';
import { loadFixedKey } from './test-support/fixtures.js';
import { seededRandom } from './test-support/seeded-random.js';

const key = loadFixedKey();
const k = Math.ceil(key.bits / 8);
const openssl = createOpensslModExp();
const shares = splitPrivateExponent(
  { modulus: key.n, privateExponent: key.d, primes: [key.p, key.q] },
  seededRandom('completion-worker-pool.test'),
);
const expected = {
  encoding: 'pkcs1-v1_5' as const,
  algorithm: 'SHA-256' as const,
  digest: hashMessage('SHA-256', new TextEncoder().encode('complete me elsewhere')),
};
const encodedMessage = encodeMessage({ ...expected, modulusBits: key.bits });
const partialSignature = signPartially({
  modulus: key.n,
  deviceShare: shares.deviceShare,
  encodedMessage,
  expected,
  modExp: openssl,
});
const completion = {
  modulus: key.n,
  publicExponent: key.e,
  serverShare: shares.serverShare,
  encodedMessage,
  partialSignature,
};

async function refusalOf(
  promise: Promise<unknown>,
): Promise<{ name: string; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as CryptoError;
    return { name: e.name, code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

/** Starts `count` completions and counts how many have settled once the event loop has turned once. */
async function settledAfterOneTurn(completer: SignatureCompleter, count: number): Promise<number> {
  let settled = 0;
  const all = Array.from({ length: count }, () => completer.complete(completion).then(() => settled++));
  await new Promise((resolve) => setImmediate(resolve));
  const afterOneTurn = settled;
  await Promise.all(all);
  return afterOneTurn;
}

describe('completing signatures in worker threads', () => {
  let pool: CompletionWorkerPool;
  beforeAll(async () => {
    pool = await createCompletionWorkerPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('gives what completeSignature gives on the calling thread: the signature, or a mismatch', async () => {
    const here = completeSignature({ ...completion, modExp: openssl });
    expect(here.ok).toBe(true);
    expect(await pool.complete(completion)).toEqual(here);
    const forged = bigintToBytes(bytesToBigint(partialSignature) ^ 1n, k);
    expect(await pool.complete({ ...completion, partialSignature: forged })).toEqual({
      ok: false,
      reason: 'PIN_OR_SHARE_MISMATCH',
    });
  });

  it('completes many at once, each with its own answer', async () => {
    const forged = bigintToBytes(bytesToBigint(partialSignature) ^ 2n, k);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pool.complete(i % 3 === 0 ? { ...completion, partialSignature: forged } : completion),
      ),
    );
    expect(results.map((result) => result.ok)).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 !== 0));
  });

  it('refuses malformed input with the CryptoError completeSignature throws, code and sentence', async () => {
    const short = { ...completion, partialSignature: partialSignature.subarray(1) };
    expect(await refusalOf(pool.complete(short))).toEqual({
      name: 'CryptoError',
      code: 'INVALID_PARTIAL_SIGNATURE',
      message: `The partial signature must be ${k} bytes long.`,
    });
    expect(await refusalOf(pool.complete({ ...completion, modulus: key.n + 1n }))).toMatchObject({
      name: 'CryptoError',
      code: 'INVALID_ARGUMENT',
    });
    expect(await pool.complete(completion)).toMatchObject({ ok: true });
  });

  it('leaves the event loop free while it computes, where the calling thread does not', async () => {
    // 60 completions take the two threads tens of milliseconds; the event loop turns long before they end.
    expect(await settledAfterOneTurn(pool, 60)).toBeLessThan(60);
    expect(await settledAfterOneTurn(completeOnCallingThread(openssl), 60)).toBe(60);
  });

  it('refuses a pool without threads', async () => {
    for (const threads of [0, -1, 1.5, Number.NaN]) {
      expect(await refusalOf(createCompletionWorkerPool({ threads }))).toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
  });

  it('once closed, refuses what was outstanding and what comes after, with a sentence', async () => {
    const closing = await createCompletionWorkerPool({ threads: 1 });
    const outstanding = Array.from({ length: 4 }, () => closing.complete(completion));
    await closing.close();
    for (const result of await Promise.allSettled(outstanding)) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { message: 'The signature completion pool was closed.' },
      });
    }
    expect(await refusalOf(closing.complete(completion))).toMatchObject({
      message: 'The signature completion pool was closed.',
    });
    await closing.close();
  });
});

describe('a completion thread that stops', () => {
  const entry = new URL('./test-support/stoppable-completion-worker.mjs', import.meta.url);
  const stopThread = { ...completion, stopThread: true } as typeof completion;

  /** Completes until the pool answers again (its stopped thread replaced), within a few seconds. */
  async function whenServingAgain(pool: CompletionWorkerPool): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      if ((await pool.complete(completion).catch(() => undefined))?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('The pool did not replace its stopped thread.');
  }

  it('fails only what that thread held, with a sentence, and the others complete', async () => {
    const pool = await createCompletionWorkerPool({ threads: 2, entry });
    try {
      const onFirst = pool.complete(completion); // to the first thread, answered after 200 ms
      const heldBySecond = pool.complete(completion); // the second thread has the fewest outstanding
      const stopping = pool.complete(stopThread); // first thread again: it stops before answering either
      const [first, held, stopped] = await Promise.allSettled([onFirst, heldBySecond, stopping]);
      const stoppedThread = { message: 'A signature completion thread stopped (exit code 3).' };
      expect(first).toMatchObject({ status: 'rejected', reason: stoppedThread });
      expect(stopped).toMatchObject({ status: 'rejected', reason: stoppedThread });
      expect(held).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    } finally {
      await pool.close();
    }
  });

  it('is replaced: the pool completes again, and refuses with a sentence while no thread runs', async () => {
    const pool = await createCompletionWorkerPool({ threads: 1, entry });
    try {
      await expect(pool.complete(stopThread)).rejects.toThrow('A signature completion thread stopped');
      // Until the replacement is ready, nothing runs: refused at once rather than queued without a thread.
      await expect(pool.complete(completion)).rejects.toThrow(
        'No signature completion thread is running; restarting them.',
      );
      await whenServingAgain(pool);
      const results = await Promise.all(Array.from({ length: 3 }, () => pool.complete(completion)));
      expect(results.map((result) => result.ok)).toEqual([true, true, true]);
      expect(pool.threads).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
