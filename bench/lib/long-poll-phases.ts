/**
 * The long-poll phases: how soon a parked RP long poll returns after a device completes its session, with next to
 * nothing else parked and with many sessions pending at once (each with its poll parked), and what those many
 * parked polls cost the server in memory and CPU. Bounded in count and wall time; every wait has a deadline.
 */
import type { RpClient } from '@tessera/rp-client';
import { answerLogin, type LoadDevice, startLoginTo, startUnansweredQrLogin } from './load-flows.js';
import { DeadlineError, describeError, measureGeneratorUsage, sleep, withDeadline } from './load-phases.js';
import { type Scrape, scrapeMetrics, sumOf } from './prometheus-text.js';

/** The RP's long-poll timeout: the RP API's largest. */
const POLL_TIMEOUT_MS = 120_000;
/** How long the RP waits for a long poll's answer beyond its timeout before giving up (counted as an error). */
const POLL_GRACE_MS = 15_000;
/** How long a completed session's poll may take to return before the wake-up counts as missed. */
const WAKE_UP_DEADLINE_MS = 30_000;

/** Errors by kind, and the distinct messages with how often each came. */
export class ErrorTally {
  readonly counts: Record<string, number> = {};
  readonly #messages = new Map<string, number>();

  /** A function that counts one error of `kind` with its message. */
  of(kind: string): (message: string) => void {
    return (message) => {
      this.counts[kind] = (this.counts[kind] ?? 0) + 1;
      this.#messages.set(message, (this.#messages.get(message) ?? 0) + 1);
    };
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** The most frequent distinct messages first. */
  messages(limit = 8): { message: string; count: number }[] {
    return [...this.#messages.entries()]
      .map(([message, count]) => ({ message, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  }
}

/** The RP's raw long poll, repeated until COMPLETE or `stop`; resolves with when COMPLETE arrived. */
async function pollUntilComplete(
  fetch: typeof globalThis.fetch,
  serverUrl: string,
  id: string,
  stop: AbortSignal,
  countError: (message: string) => void,
): Promise<number | null> {
  // A few rounds of 120 s fit in a phase at most; the bound is for safety, `stop` ends the loop first.
  for (let round = 0; round < 100 && !stop.aborted; round++) {
    try {
      const res = await fetch(`${serverUrl}/v3/session/${id}?timeoutMs=${POLL_TIMEOUT_MS}`, {
        signal: AbortSignal.timeout(POLL_TIMEOUT_MS + POLL_GRACE_MS),
      });
      if (res.status !== 200) {
        countError(`a long poll answered ${res.status}`);
        await sleep(200);
        continue;
      }
      const status = (await res.json()) as { state?: string };
      if (status.state === 'COMPLETE') return performance.now();
    } catch (error) {
      if (stop.aborted) break;
      countError(
        error instanceof Error && error.name === 'TimeoutError'
          ? `a long poll got no answer within timeoutMs + ${POLL_GRACE_MS / 1000} s`
          : `a long poll failed: ${describeError(error)}`,
      );
      await sleep(200);
    }
  }
  return null;
}

/** Wake-up latencies, from a device's confirmation being answered to the RP's poll returning COMPLETE. */
export interface WakeUps {
  /** Completions asked of a device and not cut off by the phase's end. */
  readonly asked: number;
  /** Completions the phase's end cut off before the device's answer came. */
  readonly cutOff: number;
  /** Ascending; a poll that returned before the confirmation's answer arrived counts 0. */
  readonly latenciesMs: readonly number[];
}

/** One wake-up: its latency, a failure (counted), or cut off by the phase's end. */
type WakeUp = { readonly latencyMs: number } | { readonly failed: true } | { readonly cutOff: true };

/**
 * The device answers the session whose poll is `returned`, and the wake-up latency is timed. Nothing else runs
 * meanwhile, so the load generator notices the poll's answer at once. A device still answering at `deadline`
 * (the phase's end) is cut off, not counted as an error.
 */
async function timeWakeUp(
  device: LoadDevice,
  sessionId: string,
  returned: Promise<number | null>,
  deadline: number,
  tally: ErrorTally,
): Promise<WakeUp> {
  try {
    await withDeadline(answerLogin(device, sessionId), deadline - performance.now(), "The device's answer");
  } catch (error) {
    if (error instanceof DeadlineError) return { cutOff: true };
    tally.of('devices')(`a device's answer failed: ${describeError(error)}`);
    return { failed: true };
  }
  const confirmed = performance.now();
  const at = await withDeadline(returned, WAKE_UP_DEADLINE_MS, 'The woken poll').catch(() => null);
  if (at === null) {
    tally.of('wakeUpsMissed')(
      `a completed session's poll did not return within ${WAKE_UP_DEADLINE_MS / 1000} s`,
    );
    return { failed: true };
  }
  return { latencyMs: Math.max(0, at - confirmed) };
}

/** Tallies wake-ups as they come. */
class WakeUpLog {
  readonly #latenciesMs: number[] = [];
  #asked = 0;
  #cutOff = 0;

  add(wakeUp: WakeUp): void {
    if ('cutOff' in wakeUp) {
      this.#cutOff++;
      return;
    }
    this.#asked++;
    if ('latencyMs' in wakeUp) this.#latenciesMs.push(wakeUp.latencyMs);
  }

  result(): WakeUps {
    return {
      asked: this.#asked,
      cutOff: this.#cutOff,
      latenciesMs: [...this.#latenciesMs].sort((a, b) => a - b),
    };
  }
}

/** What the phases need of the run. */
export interface LongPollContext {
  readonly serverUrl: string;
  readonly rp: RpClient;
  readonly devices: readonly LoadDevice[];
  /** The fetch for the long polls; aborting `stopPolls` ends them without counting an error. */
  readonly pollFetch: typeof globalThis.fetch;
  readonly stopPolls: AbortController;
}

/**
 * Wake-ups with only the measured poll parked: one after another, the RP starts a login to a device and opens its
 * long poll, the device answers, and the poll's return is timed.
 */
export async function runWakeUpsAlone(
  { serverUrl, rp, devices, pollFetch, stopPolls }: LongPollContext,
  { count, deadlineMs }: { count: number; deadlineMs: number },
  tally: ErrorTally,
): Promise<WakeUps> {
  const deadline = performance.now() + deadlineMs;
  const log = new WakeUpLog();
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const device = devices[i % devices.length]!;
    let id: string;
    try {
      id = await startLoginTo(rp, device);
    } catch (error) {
      tally.of('creation')(`a creation failed: ${describeError(error)}`);
      log.add({ failed: true });
      continue;
    }
    const returned = pollUntilComplete(pollFetch, serverUrl, id, stopPolls.signal, tally.of('polls'));
    await sleep(20); // the poll reaches the server and parks before the device answers
    log.add(await timeWakeUp(device, id, returned, deadline, tally));
  }
  stopPolls.abort();
  return log.result();
}

/** Settings of the pending-sessions phase. */
export interface PendingSettings {
  readonly sessions: number;
  /** Creations in flight at once. */
  readonly creationConcurrency: number;
  readonly creationDeadlineMs: number;
  /** Long polls opened per second (a burst of thousands would overflow the server's listen backlog). */
  readonly pollsOpenedPerSecond: number;
  readonly parkDeadlineMs: number;
  /** How long to watch the server with the polls parked and nothing else happening. */
  readonly quietMs: number;
  /** Sessions completed by a device, one after another, to time the wake-up of their long polls. */
  readonly wakeUps: number;
  readonly wakeUpDeadlineMs: number;
}

/** What the pending-sessions phase saw. */
export interface PendingResult {
  readonly target: number;
  readonly created: number;
  readonly creationSeconds: number;
  readonly pollsOpened: number;
  /** The most long polls the server reported parked at once. */
  readonly parkedMax: number;
  /** Seconds from opening the first poll until the server reported all parked; null if it never did. */
  readonly secondsToPark: number | null;
  /** The server's resident memory and heap at the end of the quiet watch, and the most resident memory seen. */
  readonly residentBytesParked: number;
  readonly heapUsedBytesParked: number;
  readonly residentBytesMax: number;
  /** The server's CPU use during the quiet watch (1 is one core busy); NaN when /metrics did not answer. */
  readonly serverCpuCoresQuiet: number;
  /** The whole machine's meanwhile (PostgreSQL answering the polls' reads included). */
  readonly machineCpuCoresQuiet: number;
  /** The most queries seen queued for a connection of the server's database pool. */
  readonly poolWaitingMax: number;
  readonly wakeUps: WakeUps;
  readonly errors: Readonly<Record<string, number>>;
  readonly errorMessages: readonly { readonly message: string; readonly count: number }[];
}

/** One session of the phase: its id and, for those a device completes, which device. */
interface PendingSession {
  readonly id: string;
  readonly device?: LoadDevice;
}

/** Creates the sessions, `wakeUps` of them notification logins to the devices (spread out), the rest QR logins. */
async function createPendingSessions(
  rp: RpClient,
  devices: readonly LoadDevice[],
  settings: PendingSettings,
  tally: ErrorTally,
): Promise<PendingSession[]> {
  const every = Math.max(1, Math.floor(settings.sessions / Math.max(1, settings.wakeUps)));
  const deadline = performance.now() + settings.creationDeadlineMs;
  const sessions: PendingSession[] = [];
  let next = 0;
  const creator = async () => {
    while (next < settings.sessions && performance.now() < deadline) {
      const i = next++;
      const wakeUp = i % every === 0 && i / every < settings.wakeUps;
      const device = wakeUp ? devices[(i / every) % devices.length] : undefined;
      try {
        const id = device === undefined ? await startUnansweredQrLogin(rp) : await startLoginTo(rp, device);
        sessions.push(device === undefined ? { id } : { id, device });
      } catch (error) {
        tally.of('creation')(`a creation failed: ${describeError(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.creationConcurrency }, creator));
  return sessions;
}

/** The server's figures over the phase: the most seen of each gauge. */
class ServerWatch {
  parkedMax = 0;
  residentBytesMax = 0;
  poolWaitingMax = 0;

  constructor(
    private readonly serverUrl: string,
    private readonly tally: ErrorTally,
  ) {}

  /** A scrape, or undefined (counted) when /metrics does not answer: the server is then too busy to say. */
  async read(): Promise<Scrape | undefined> {
    try {
      const scrape = await scrapeMetrics(this.serverUrl);
      this.parkedMax = Math.max(this.parkedMax, sumOf(scrape, 'tessera_long_polls_parked'));
      this.residentBytesMax = Math.max(
        this.residentBytesMax,
        sumOf(scrape, 'tessera_process_resident_memory_bytes'),
      );
      this.poolWaitingMax = Math.max(
        this.poolWaitingMax,
        sumOf(scrape, 'tessera_db_pool_connections', { state: 'waiting' }),
      );
      return scrape;
    } catch (error) {
      this.tally.of('metrics')(`GET /metrics failed: ${describeError(error)}`);
      return undefined;
    }
  }

  /** Reads until `target` polls are parked or the deadline passes; resolves with how long it took, or null. */
  async untilParked(target: number, deadlineMs: number): Promise<number | null> {
    const started = performance.now();
    while (performance.now() - started < deadlineMs) {
      const scrape = await this.read();
      if (scrape !== undefined && sumOf(scrape, 'tessera_long_polls_parked') >= target) {
        return performance.now() - started;
      }
      await sleep(500);
    }
    return null;
  }
}

const cpuSeconds = (s: Scrape) => sumOf(s, 'tessera_process_cpu_seconds_total');

/**
 * Many sessions pending at once, each with the RP's long poll parked at the server: creates them, opens the polls
 * at a bounded rate, waits for the server to report them all parked, watches memory and CPU while nothing else
 * happens, then lets devices complete a few, one at a time, timing each wake-up.
 */
export async function runPendingSessions(
  { serverUrl, rp, devices, pollFetch, stopPolls }: LongPollContext,
  settings: PendingSettings,
  log: (line: string) => void,
): Promise<PendingResult> {
  const tally = new ErrorTally();
  const watch = new ServerWatch(serverUrl, tally);

  const creationStarted = performance.now();
  const sessions = await createPendingSessions(rp, devices, settings, tally);
  const creationSeconds = (performance.now() - creationStarted) / 1000;
  log(`  ${sessions.length} sessions created in ${creationSeconds.toFixed(1)} s; opening their long polls`);

  const returned = new Map<string, Promise<number | null>>();
  const perTenth = Math.max(1, Math.round(settings.pollsOpenedPerSecond / 10));
  for (let i = 0; i < sessions.length; i++) {
    const { id } = sessions[i]!;
    returned.set(id, pollUntilComplete(pollFetch, serverUrl, id, stopPolls.signal, tally.of('polls')));
    if (i % perTenth === perTenth - 1) await sleep(100);
  }
  const parkedAfterMs = await watch.untilParked(sessions.length, settings.parkDeadlineMs);
  log(`  at most ${watch.parkedMax} long polls parked; watching the server for ${settings.quietMs} ms`);

  const quietStart = await watch.read();
  const quietUsage = measureGeneratorUsage();
  await sleep(settings.quietMs);
  const machineCpuCoresQuiet = quietUsage.end().machineCpuCores;
  const quietEnd = await watch.read();
  const serverCpuCoresQuiet =
    quietStart === undefined || quietEnd === undefined
      ? Number.NaN
      : ((cpuSeconds(quietEnd) - cpuSeconds(quietStart)) * 1000) / (quietEnd.at - quietStart.at);

  log(`  devices complete up to ${settings.wakeUps} of the sessions, one at a time`);
  const deadline = performance.now() + settings.wakeUpDeadlineMs;
  const wakeUps = new WakeUpLog();
  for (const session of sessions) {
    if (session.device === undefined) continue;
    if (performance.now() > deadline) break;
    wakeUps.add(await timeWakeUp(session.device, session.id, returned.get(session.id)!, deadline, tally));
  }
  await watch.read();

  stopPolls.abort();
  await withDeadline(Promise.allSettled(returned.values()), 30_000, 'Stopping the long polls').catch(
    () => {},
  );
  return {
    target: settings.sessions,
    created: sessions.length,
    creationSeconds,
    pollsOpened: returned.size,
    parkedMax: watch.parkedMax,
    secondsToPark: parkedAfterMs === null ? null : parkedAfterMs / 1000,
    residentBytesParked:
      quietEnd === undefined ? Number.NaN : sumOf(quietEnd, 'tessera_process_resident_memory_bytes'),
    heapUsedBytesParked:
      quietEnd === undefined ? Number.NaN : sumOf(quietEnd, 'tessera_nodejs_heap_size_used_bytes'),
    residentBytesMax: watch.residentBytesMax,
    serverCpuCoresQuiet,
    machineCpuCoresQuiet,
    poolWaitingMax: watch.poolWaitingMax,
    wakeUps: wakeUps.result(),
    errors: tally.counts,
    errorMessages: tally.messages(),
  };
}
