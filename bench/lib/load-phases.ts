/**
 * The generic load phases, a closed loop of complete flows and calls on a fixed schedule (an open loop), and the
 * helpers every phase uses. Every loop is bounded in count and in wall time, and every wait has a deadline.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadDevice } from './load-flows.js';

/** An error's message with its cause's (fetch says only "fetch failed"; the socket error is the cause). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause === undefined
    ? error.message
    : `${error.message} (${cause.code ?? cause.message ?? 'no cause'})`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** A wait that reached its deadline. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/** `promise`, or a DeadlineError naming `what` once `ms` has passed. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DeadlineError(`${what}: no answer within ${Math.round(ms)} ms.`)),
          Math.max(0, ms),
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** How much CPU the load generator, and the whole machine, used over a span. */
export interface GeneratorUsage {
  /** The load generator's CPU time over the wall time: 1 is one core busy all along. */
  readonly cpuCores: number;
  /** p99 of its main thread's event-loop delay: how late it noticed answers (a BigInt signature blocks it). */
  readonly loopDelayP99Ms: number;
  /** Every process's CPU (server, PostgreSQL, load generator, anything else), from /proc/stat; NaN elsewhere. */
  readonly machineCpuCores: number;
}

/** The machine's busy and total CPU time so far, in clock ticks summed over its cores (Linux). */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3]! - fields[4]!, total }; // idle and iowait are the 4th and 5th
  } catch {
    return undefined;
  }
}

/** Starts measuring the load generator's own CPU and event-loop delay, and the machine's CPU; `end()` reads them. */
export function measureGeneratorUsage(): { end(): GeneratorUsage } {
  const cpu = process.cpuUsage();
  const machine = machineTicks();
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    end() {
      delay.disable();
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - started;
      const machineNow = machineTicks();
      return {
        cpuCores: (used.user + used.system) / 1000 / wallMs,
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        machineCpuCores:
          machine === undefined || machineNow === undefined
            ? Number.NaN
            : (availableParallelism() * (machineNow.busy - machine.busy)) /
              (machineNow.total - machine.total),
      };
    },
  };
}

/** What a closed loop achieved. */
export interface ClosedLoopResult {
  readonly completions: number;
  readonly failures: number;
  readonly seconds: number;
  /** The first few failures' messages, to tell what went wrong. */
  readonly failureMessages: readonly string[];
}

/**
 * One worker per device, each running `once(device)` back to back until `seconds` have passed or `maxRuns` runs
 * have started in all. A failed run is counted and the worker goes on after a short pause.
 */
export async function runClosedLoop(
  devices: readonly LoadDevice[],
  { seconds, maxRuns }: { seconds: number; maxRuns: number },
  once: (device: LoadDevice) => Promise<void>,
): Promise<ClosedLoopResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let runs = 0;
  let completions = 0;
  let failures = 0;
  const failureMessages: string[] = [];
  const worker = async (device: LoadDevice) => {
    while (performance.now() < deadline && runs < maxRuns) {
      runs++;
      try {
        await once(device);
        completions++;
      } catch (error) {
        failures++;
        if (failureMessages.length < 5)
          failureMessages.push(error instanceof Error ? error.message : String(error));
        await sleep(100);
      }
    }
  };
  await Promise.all(devices.map(worker));
  return { completions, failures, seconds: (performance.now() - started) / 1000, failureMessages };
}

/** Session creation on a fixed schedule. */
export interface OpenLoopResult {
  readonly scheduled: number;
  readonly created: number;
  readonly failures: number;
  /** Sessions created per second, from the first scheduled start to the last answer. */
  readonly achievedPerSecond: number;
  /** From each creation's scheduled start (not its actual one) to its answer, ascending. */
  readonly latenciesMs: readonly number[];
}

/**
 * Starts `ratePerSecond × seconds` creations at fixed times, each without waiting for the ones before (an open
 * loop), and measures each from its scheduled start, so a slow server or a late client shows as latency.
 */
export async function runOpenLoop(
  { ratePerSecond, seconds }: { ratePerSecond: number; seconds: number },
  create: () => Promise<unknown>,
): Promise<OpenLoopResult> {
  const scheduled = Math.round(ratePerSecond * seconds);
  const intervalMs = 1000 / ratePerSecond;
  const latenciesMs: number[] = [];
  let failures = 0;
  const calls: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < scheduled; i++) {
    const at = started + i * intervalMs;
    await sleep(at - performance.now());
    calls.push(
      create().then(
        () => void latenciesMs.push(performance.now() - at),
        () => void failures++,
      ),
    );
  }
  await withDeadline(Promise.all(calls), 60_000, 'The scheduled creations');
  latenciesMs.sort((a, b) => a - b);
  const seconds_ = (performance.now() - started) / 1000;
  return {
    scheduled,
    created: latenciesMs.length,
    failures,
    achievedPerSecond: latenciesMs.length / seconds_,
    latenciesMs,
  };
}
