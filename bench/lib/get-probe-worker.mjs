// The GET probe's thread (see get-probe.ts): its own event loop, so the load generator's work on the main
// thread (a device's BigInt signature blocks it for tens of milliseconds) does not show in these latencies.
import { parentPort, workerData } from 'node:worker_threads';

const { urls, intervalMs, maxMs, timeoutMs } = workerData;
const calls = Object.fromEntries(urls.map((url) => [url, []]));
const inFlight = new Set();
const started = performance.now();
let stopped = false;
parentPort.once('message', () => {
  stopped = true;
});

async function probe(url) {
  const sent = performance.now();
  let failed = true;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    failed = res.status !== 200;
  } catch {
    // counted as failed
  }
  calls[url].push({ ms: performance.now() - sent, failed });
}

// Open loop: every URL once per interval on a fixed schedule, whether the previous answers came or not.
for (let tick = 0; !stopped && performance.now() - started < maxMs; tick++) {
  for (const url of urls) {
    const call = probe(url);
    inFlight.add(call);
    call.finally(() => inFlight.delete(call));
  }
  const next = started + (tick + 1) * intervalMs;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await Promise.all(inFlight);
parentPort.postMessage(calls);
parentPort.close();
