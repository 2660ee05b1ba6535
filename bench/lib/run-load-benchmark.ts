/**
 * The load benchmark's run: floors first (the exponentiation, the public-exponent check, the plumbing of node:http
 * and pg alone), then one server process on PostgreSQL (`startTesseraNodes`, a fresh schema, the sandbox's
 * declared identities) driven over loopback by a pool of headless devices and an RP client in this process.
 * Server-side figures come from the server's `/metrics`; client-side ones from timing every call. The server is
 * stopped however the run ends.
 */
import type { RpClient } from '@tessera/rp-client';
import { TEST_DATABASE_URL } from '@tessera/test-support';
import { startTesseraNodes } from '../../e2e/support/start-tessera-nodes.js';
import { CallTimings, createTimedFetch, type RouteSummary } from './call-timings.js';
import { startGetProbe } from './get-probe.js';
import { createFloorMeter } from './load-floors.js';
import {
  createLoadRpClient,
  enrolDevice,
  FLOWS,
  type FlowName,
  type LoadDevice,
  runFlow,
} from './load-flows.js';
import { measureGeneratorUsage, runClosedLoop, runOpenLoop, withDeadline } from './load-phases.js';
import type { CallRow, FlowReport, LoadReport } from './load-report.js';
import {
  ErrorTally,
  type LongPollContext,
  type PendingSettings,
  runPendingSessions,
  runWakeUpsAlone,
} from './long-poll-phases.js';
import { measurePlumbingFloor, type PlumbingSettings } from './plumbing-floor.js';
import { histogramQuantile, increase, type Scrape, scrapeMetrics, sumOf } from './prometheus-text.js';
import { describeMachine } from './results-file.js';

/** How big and how long each phase is. */
export interface LoadSettings {
  readonly mode: 'full' | 'quick';
  readonly devices: number;
  /** Wall time of each floor measurement. */
  readonly floorMs: number;
  /** The plumbing floor's two closed loops (node:http and pg alone). */
  readonly plumbing: PlumbingSettings;
  /** Each flow's closed loop: wall time and the most runs. */
  readonly flowSeconds: number;
  readonly flowMaxRuns: number;
  /** The plain-GET probe beside a closed loop of signatures. */
  readonly probeSeconds: number;
  readonly probeIntervalMs: number;
  readonly creation: { readonly ratePerSecond: number; readonly seconds: number };
  /** Wake-ups timed one after another with only the measured poll parked. */
  readonly wakeUpsAlone: { readonly count: number; readonly deadlineMs: number };
  readonly pending: PendingSettings;
  /** TESSERA_SESSION_TIMEOUT_MS: sessions must outlive the pending phase. */
  readonly sessionTimeoutMs: number;
}

export const FULL_SETTINGS: LoadSettings = {
  mode: 'full',
  devices: 8,
  floorMs: 3_000,
  plumbing: { seconds: 5, maxRequests: 50_000, clients: 8 },
  flowSeconds: 20,
  flowMaxRuns: 5_000,
  probeSeconds: 20,
  probeIntervalMs: 50,
  creation: { ratePerSecond: 100, seconds: 10 },
  wakeUpsAlone: { count: 200, deadlineMs: 60_000 },
  pending: {
    sessions: 10_000,
    creationConcurrency: 32,
    creationDeadlineMs: 120_000,
    pollsOpenedPerSecond: 1_000,
    parkDeadlineMs: 45_000,
    quietMs: 5_000,
    wakeUps: 200,
    wakeUpDeadlineMs: 120_000,
  },
  sessionTimeoutMs: 600_000,
};

/** Small counts: a smoke run in well under a minute; its figures mean little. */
export const QUICK_SETTINGS: LoadSettings = {
  mode: 'quick',
  devices: 2,
  floorMs: 300,
  plumbing: { seconds: 1, maxRequests: 1_000, clients: 2 },
  flowSeconds: 2,
  flowMaxRuns: 20,
  probeSeconds: 2,
  probeIntervalMs: 50,
  creation: { ratePerSecond: 100, seconds: 2 },
  wakeUpsAlone: { count: 5, deadlineMs: 10_000 },
  pending: {
    sessions: 200,
    creationConcurrency: 16,
    creationDeadlineMs: 20_000,
    pollsOpenedPerSecond: 1_000,
    parkDeadlineMs: 10_000,
    quietMs: 500,
    wakeUps: 5,
    wakeUpDeadlineMs: 10_000,
  },
  sessionTimeoutMs: 120_000,
};

const ENROL_AT_ONCE = 2; // key generation runs on the thread pool: two cores
/** The most any call without a timeout of its own may take; longer with thousands of polls parked. */
const CALL_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_PENDING_MS = 60_000;

async function enrolDevices(serverUrl: string, fetch: typeof globalThis.fetch, count: number) {
  const devices: LoadDevice[] = [];
  for (let i = 0; i < count; i += ENROL_AT_ONCE) {
    const batch = Array.from({ length: Math.min(ENROL_AT_ONCE, count - i) }, (_, k) => i + k);
    devices.push(
      ...(await withDeadline(
        Promise.all(batch.map((n) => enrolDevice(serverUrl, fetch, n))),
        120_000,
        'Enrolment',
      )),
    );
  }
  return devices;
}

const cpuSeconds = (s: Scrape) => sumOf(s, 'tessera_process_cpu_seconds_total');

/** The server's CPU use between two scrapes: 1 is one core busy all along. */
function serverCores(before: Scrape, after: Scrape): number {
  return ((cpuSeconds(after) - cpuSeconds(before)) * 1000) / (after.at - before.at);
}

/** The server's own latency quantile (ms) of a route between two scrapes, from its histogram. */
function serverQuantileMs(before: Scrape, after: Scrape, method: string, route: string, q: number): number {
  return (
    1000 * histogramQuantile(before, after, 'tessera_http_request_duration_seconds', { method, route }, q)
  );
}

function withServerQuantiles(calls: readonly RouteSummary[], before: Scrape, after: Scrape): CallRow[] {
  return calls.map((c) => ({
    ...c,
    serverP50Ms: serverQuantileMs(before, after, c.method, c.route, 0.5),
    serverP99Ms: serverQuantileMs(before, after, c.method, c.route, 0.99),
  }));
}

/** One flow's closed loop, with the server's CPU per completed session read from its counters. */
async function measureFlow(
  serverUrl: string,
  rp: RpClient,
  devices: readonly LoadDevice[],
  flow: FlowName,
  settings: LoadSettings,
  /** The server-share floor measured just before, in milliseconds. */
  serverShareFloorMs: number,
): Promise<FlowReport> {
  const before = await scrapeMetrics(serverUrl);
  const usage = measureGeneratorUsage();
  const loop = await runClosedLoop(
    devices,
    { seconds: settings.flowSeconds, maxRuns: settings.flowMaxRuns },
    (d) => runFlow(flow, rp, d),
  );
  const generator = usage.end();
  const after = await scrapeMetrics(serverUrl);
  const completed = increase(before, after, 'tessera_rp_sessions_completed_total', { end_result: 'OK' });
  const cpuMs = (cpuSeconds(after) - cpuSeconds(before)) * 1000;
  const perCompletion = (name: string) =>
    completed > 0 ? increase(before, after, name) / completed : Number.NaN;
  return {
    flow,
    completions: loop.completions,
    failures: loop.failures,
    failureMessages: loop.failureMessages,
    seconds: loop.seconds,
    perSecond: loop.completions / loop.seconds,
    serverCompleted: completed,
    serverCpuMsPerCompletion: completed > 0 ? cpuMs / completed : Number.NaN,
    serverShareFloorMs,
    requestsPerCompletion: perCompletion('tessera_http_request_duration_seconds_count'),
    statementsPerCompletion: perCompletion('tessera_db_statements_total'),
    serverCpuCores: serverCores(before, after),
    // prom-client resets its event-loop histogram at each scrape: this one covers the loop.
    serverLoopDelayP99Ms: 1000 * sumOf(after, 'tessera_nodejs_eventloop_lag_p99_seconds'),
    generator,
  };
}

/** Runs every phase and returns what was measured; `log` gets progress lines (never a secret). */
export async function runLoadBenchmark(
  settings: LoadSettings,
  log: (line: string) => void = () => {},
): Promise<LoadReport> {
  log(`load benchmark (${settings.mode}): measuring the floors`);
  const floorMeter = createFloorMeter();
  const floors = {
    serverShare: await floorMeter.serverShare(settings.floorMs),
    publicCheck: await floorMeter.publicCheck(settings.floorMs),
  };
  log('measuring the plumbing floor (node:http and pg alone)');
  const plumbing = await measurePlumbingFloor(TEST_DATABASE_URL, settings.plumbing);
  /** The server-share floor again, measured now (with the server idle): each closed loop is set against its own. */
  const floorNow = async () => (await floorMeter.serverShare(settings.floorMs)).medianMs;

  log('starting one server process on PostgreSQL');
  const cluster = await startTesseraNodes(1, {
    TESSERA_SESSION_TIMEOUT_MS: String(settings.sessionTimeoutMs),
  });
  try {
    const serverUrl = cluster.nodes[0]!.url;
    let timings = new CallTimings();
    let callTimeoutMs = CALL_TIMEOUT_MS;
    const timedFetch = createTimedFetch(() => timings, { timeoutMs: () => callTimeoutMs });
    /** The context of a long-poll phase, with polls of its own to stop. */
    const longPolls = (): LongPollContext => {
      const stopPolls = new AbortController();
      const pollFetch = createTimedFetch(() => timings, { stop: stopPolls.signal });
      return { serverUrl, rp, devices, pollFetch, stopPolls };
    };
    const rp = await createLoadRpClient(serverUrl, timedFetch);

    log(`enrolling ${settings.devices} devices (RSA 3072 keys)`);
    const enrolStarted = performance.now();
    const devices = await enrolDevices(serverUrl, timedFetch, settings.devices);
    const enrolment = { devices: devices.length, seconds: (performance.now() - enrolStarted) / 1000 };

    timings = new CallTimings();
    const flowsStart = await scrapeMetrics(serverUrl);
    const flows: FlowReport[] = [];
    for (const flow of FLOWS) {
      log(`closed loop: ${flow}, ${devices.length} workers, ${settings.flowSeconds} s`);
      flows.push(await measureFlow(serverUrl, rp, devices, flow, settings, await floorNow()));
    }
    const calls = withServerQuantiles(timings.summaries(), flowsStart, await scrapeMetrics(serverUrl));

    log(`plain GETs while signing, ${settings.probeSeconds} s`);
    const signingFloorMs = await floorNow();
    timings = new CallTimings();
    const probe = startGetProbe([`${serverUrl}/health`, `${serverUrl}/app/v1/server`], {
      intervalMs: settings.probeIntervalMs,
      maxMs: settings.probeSeconds * 1000 + 60_000,
    });
    const signing = await measureFlow(
      serverUrl,
      rp,
      devices,
      'notification signature',
      {
        ...settings,
        flowSeconds: settings.probeSeconds,
      },
      signingFloorMs,
    );
    const gets = (await probe.stop()).summaries();
    const busy = { gets, signing };

    log(`session creation at ${settings.creation.ratePerSecond}/s for ${settings.creation.seconds} s`);
    timings = new CallTimings();
    const creationStart = await scrapeMetrics(serverUrl);
    const creationUsage = measureGeneratorUsage();
    const created = await runOpenLoop(settings.creation, () =>
      rp.startDeviceLinkAuthentication({
        interactions: [{ type: 'displayTextAndPIN', displayText60: 'Log in?' }],
      }),
    );
    const creationEnd = await scrapeMetrics(serverUrl);
    const creation = {
      ...created,
      ratePerSecond: settings.creation.ratePerSecond,
      generator: creationUsage.end(),
      serverP99Ms: serverQuantileMs(
        creationStart,
        creationEnd,
        'POST',
        '/v3/authentication/device-link/anonymous',
        0.99,
      ),
    };

    log(`wake-ups of long polls, one at a time, up to ${settings.wakeUpsAlone.count}`);
    timings = new CallTimings();
    const aloneErrors = new ErrorTally();
    const alone = {
      ...(await runWakeUpsAlone(longPolls(), settings.wakeUpsAlone, aloneErrors)),
      errors: aloneErrors.total,
      errorMessages: aloneErrors.messages(),
    };

    log(`${settings.pending.sessions} sessions pending, each with a parked long poll`);
    timings = new CallTimings();
    callTimeoutMs = CALL_TIMEOUT_PENDING_MS;
    const pendingResult = await runPendingSessions(longPolls(), settings.pending, log);
    const pending = { ...pendingResult, calls: timings.summaries() };

    return {
      settings,
      date: new Date().toISOString().slice(0, 10),
      machine: describeMachine(),
      floors,
      plumbing,
      enrolment,
      flows,
      calls,
      busy,
      creation,
      alone,
      pending,
    };
  } finally {
    await cluster.stop();
  }
}
