/**
 * A probe of plain GETs on a fixed schedule, in a worker thread of its own: its latencies are the server's
 * (and the loopback's), not the load generator's main thread's, which device signatures block.
 */
import { Worker } from 'node:worker_threads';
import { CallTimings } from './call-timings.js';

/** A running probe. */
export interface GetProbe {
  /** Stops probing, waits for the calls in flight, and returns their timings. */
  stop(): Promise<CallTimings>;
}

/** Starts GETting each of `urls` every `intervalMs` until stopped or `maxMs` has passed. */
export function startGetProbe(
  urls: readonly string[],
  { intervalMs = 50, maxMs = 120_000, timeoutMs = 10_000 } = {},
): GetProbe {
  const worker = new Worker(new URL('./get-probe-worker.mjs', import.meta.url), {
    workerData: { urls, intervalMs, maxMs, timeoutMs },
  });
  const finished = new Promise<Record<string, { ms: number; failed: boolean }[]>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The GET probe exited (${code}) before reporting.`)));
  });
  finished.catch(() => {}); // observed in stop()
  return {
    async stop() {
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      try {
        const results = await Promise.race([
          finished,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('The GET probe did not report.')), timeoutMs + 5_000);
          }),
        ]);
        const timings = new CallTimings();
        for (const [url, calls] of Object.entries(results)) {
          for (const { ms, failed } of calls) timings.record('GET', new URL(url).pathname, ms, failed);
        }
        return timings;
      } finally {
        clearTimeout(timer);
        await worker.terminate();
      }
    },
  };
}
