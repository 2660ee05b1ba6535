/** What the load benchmark measured, the targets judged against it, and its section of bench/RESULTS.md. */
import type { RouteSummary } from './call-timings.js';
import type { Floors } from './load-floors.js';
import type { FlowName } from './load-flows.js';
import type { GeneratorUsage, OpenLoopResult } from './load-phases.js';
import type { PendingResult, WakeUps } from './long-poll-phases.js';
import { markdownTable } from './markdown-table.js';
import { percentile } from './percentile.js';
import type { PlumbingFloor } from './plumbing-floor.js';
import type { LoadSettings } from './run-load-benchmark.js';

/** One flow's closed loop. */
export interface FlowReport {
  readonly flow: FlowName;
  readonly completions: number;
  readonly failures: number;
  readonly failureMessages: readonly string[];
  readonly seconds: number;
  readonly perSecond: number;
  /** Sessions the server counted as completed OK meanwhile (the divisor of the CPU figure). */
  readonly serverCompleted: number;
  readonly serverCpuMsPerCompletion: number;
  /** The server-share floor (median) measured just before this loop, on the same machine minutes. */
  readonly serverShareFloorMs: number;
  /** HTTP requests and database statements the server counted per completed session (its /metrics). */
  readonly requestsPerCompletion: number;
  readonly statementsPerCompletion: number;
  readonly serverCpuCores: number;
  /** p99 of the server's event-loop delay over the loop, its 10 ms sampling interval included. */
  readonly serverLoopDelayP99Ms: number;
  readonly generator: GeneratorUsage;
}

/** A route's client-side latencies with the server's own (from its histogram). */
export interface CallRow extends RouteSummary {
  readonly serverP50Ms: number;
  readonly serverP99Ms: number;
}

export interface LoadReport {
  readonly settings: LoadSettings;
  readonly date: string;
  readonly machine: string;
  readonly floors: Floors;
  readonly plumbing: PlumbingFloor;
  readonly enrolment: { readonly devices: number; readonly seconds: number };
  readonly flows: readonly FlowReport[];
  /** The three closed loops' calls together. */
  readonly calls: readonly CallRow[];
  /** Plain GETs from a thread of their own while a closed loop of signatures runs. */
  readonly busy: {
    readonly gets: readonly RouteSummary[];
    readonly signing: FlowReport;
  };
  readonly creation: OpenLoopResult & {
    readonly ratePerSecond: number;
    readonly generator: GeneratorUsage;
    readonly serverP99Ms: number;
  };
  /** Wake-ups with only the measured poll parked. */
  readonly alone: WakeUps & {
    readonly errors: number;
    readonly errorMessages: readonly { readonly message: string; readonly count: number }[];
  };
  readonly pending: PendingResult & { readonly calls: readonly RouteSummary[] };
}

/** One target of the issue, judged. */
export interface TargetVerdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const ONE_GB = 1e9;
const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : '—');
const count = (n: number) => n.toLocaleString('en-US');
/** Decimal megabytes, as the target's gigabyte is 10⁹ bytes. */
const mb = (bytes: number) => `${count(Math.round(bytes / 1e6))} MB`;

/** What a completion's requests and statements cost through node:http and pg alone. */
const plumbingMs = (f: FlowReport, p: PlumbingFloor) =>
  f.requestsPerCompletion * p.requestMs + f.statementsPerCompletion * p.statementMs;

/** The lowest a completion's CPU could be with its requests and statements: the exponentiation and their plumbing. */
const lowestRatio = (f: FlowReport, p: PlumbingFloor) =>
  (f.serverShareFloorMs + plumbingMs(f, p)) / f.serverShareFloorMs;

function authenticationCpu(report: LoadReport): TargetVerdict {
  const logins = report.flows.filter((f) => f.flow !== 'notification signature');
  const ratios = logins.map((f) => f.serverCpuMsPerCompletion / f.serverShareFloorMs);
  return {
    target:
      'server CPU per completed authentication ≤ 1.5 × the server-share floor (measured just before each loop)',
    measured:
      logins
        .map(
          (f, i) =>
            `${f.flow}: ${ms(f.serverCpuMsPerCompletion)} (${ratios[i]!.toFixed(2)} × its floor of ${ms(f.serverShareFloorMs)})`,
        )
        .join('; ') +
      '; with the HTTP requests and statements of each login through node:http and pg alone, nothing else, it ' +
      `could come no lower than ${logins.map((f) => `${lowestRatio(f, report.plumbing).toFixed(2)} ×`).join(' and ')}`,
    met: ratios.length > 0 && ratios.every((r) => r <= 1.5),
  };
}

const totalOf = (errors: Readonly<Record<string, number>>) =>
  Object.values(errors).reduce((x, y) => x + y, 0);

function pendingSessions(report: LoadReport): TargetVerdict {
  const p = report.pending;
  const errors = totalOf(p.errors);
  return {
    target: `${count(p.target)} sessions pending at once, each with a parked long poll: no errors, server memory ≤ 1 GB`,
    measured:
      `${count(p.created)} created, at most ${count(p.parkedMax)} polls parked` +
      `${p.secondsToPark === null ? ' (never all)' : ` (all after ${p.secondsToPark.toFixed(1)} s)`}, ` +
      `${count(errors)} errors, resident memory ${mb(p.residentBytesParked)} parked, ${mb(p.residentBytesMax)} at most`,
    met: p.created === p.target && p.parkedMax >= p.target && errors === 0 && p.residentBytesMax <= ONE_GB,
  };
}

function describeWakeUps(w: WakeUps): string {
  const l = w.latenciesMs;
  return (
    `p99 ${ms(percentile(l, 0.99))} (p50 ${ms(percentile(l, 0.5))}, max ${ms(percentile(l, 1))}) ` +
    `over ${l.length} of ${w.asked} completions${w.cutOff > 0 ? ` (${w.cutOff} more cut off by the phase's end)` : ''}`
  );
}

const wakeUpsMet = (w: WakeUps) =>
  w.asked > 0 && w.latenciesMs.length === w.asked && percentile(w.latenciesMs, 0.99) <= 50;

function wakeUps(report: LoadReport): TargetVerdict {
  const { alone, pending } = report;
  const aloneMet = wakeUpsMet(alone) && alone.errors === 0;
  const pendingMet = wakeUpsMet(pending.wakeUps);
  return {
    target: 'a long poll returns ≤ 50 ms (p99) after the device completes',
    measured:
      `with only that poll parked ${aloneMet ? 'met' : 'NOT met'}, ${describeWakeUps(alone)}; ` +
      `with ${count(pending.parkedMax)} polls parked ${pendingMet ? 'met' : 'NOT met'}, ${describeWakeUps(pending.wakeUps)}`,
    met: aloneMet && pendingMet,
  };
}

function creationLatency(report: LoadReport): TargetVerdict {
  const c = report.creation;
  const p99 = percentile(c.latenciesMs, 0.99);
  return {
    target: `session creation p99 ≤ 25 ms at ${c.ratePerSecond} creations per second`,
    measured:
      `p99 ${ms(p99)} (p50 ${ms(percentile(c.latenciesMs, 0.5))}; server's own p99 ${ms(c.serverP99Ms)}), ` +
      `${c.achievedPerSecond.toFixed(1)}/s achieved, ${c.failures} failed`,
    met: p99 <= 25 && c.failures === 0 && c.achievedPerSecond >= 0.95 * c.ratePerSecond,
  };
}

function plainGet(report: LoadReport): TargetVerdict {
  const b = report.busy;
  return {
    target: 'a plain GET stays ≤ 20 ms p99 while the server signs at full speed',
    measured:
      b.gets.map((g) => `${g.route} p99 ${ms(g.p99Ms)} (${g.calls} calls, ${g.errors} failed)`).join('; ') +
      `; meanwhile ${b.signing.perSecond.toFixed(1)} signatures/s, server at ${b.signing.serverCpuCores.toFixed(2)} cores`,
    met: b.gets.length > 0 && b.gets.every((g) => g.p99Ms <= 20 && g.errors === 0),
  };
}

/** Every target of the issue, judged against the figures. */
export function judgeTargets(report: LoadReport): TargetVerdict[] {
  return [
    authenticationCpu(report),
    pendingSessions(report),
    wakeUps(report),
    creationLatency(report),
    plainGet(report),
  ];
}

function flowTable(report: LoadReport): string {
  return markdownTable(
    [
      'flow',
      'completed',
      'failed',
      'per second',
      'server CPU per completion',
      'server-share floor just before',
      '÷ that floor',
      'server CPU (cores)',
      'server event-loop delay p99',
      'load generator CPU (cores)',
      'whole machine CPU (cores)',
      'generator event-loop delay p99',
    ],
    [...report.flows, report.busy.signing].map((f, i) => [
      i < report.flows.length ? f.flow : `${f.flow} (with the GET probe)`,
      count(f.completions),
      count(f.failures),
      f.perSecond.toFixed(1),
      ms(f.serverCpuMsPerCompletion),
      ms(f.serverShareFloorMs),
      `${(f.serverCpuMsPerCompletion / f.serverShareFloorMs).toFixed(2)} ×`,
      f.serverCpuCores.toFixed(2),
      ms(f.serverLoopDelayP99Ms),
      f.generator.cpuCores.toFixed(2),
      f.generator.machineCpuCores.toFixed(2),
      ms(f.generator.loopDelayP99Ms),
    ]),
  );
}

/** Each flow's requests and statements, what they cost at least, and how far the server is from that. */
function plumbingTable(report: LoadReport): string {
  const p = report.plumbing;
  return markdownTable(
    [
      'flow',
      'HTTP requests per completion',
      'statements per completion',
      'their plumbing floor',
      'exponentiation + plumbing, ÷ the exponentiation floor',
      'server CPU ÷ (exponentiation + plumbing)',
    ],
    report.flows.map((f) => [
      f.flow,
      f.requestsPerCompletion.toFixed(1),
      f.statementsPerCompletion.toFixed(1),
      ms(plumbingMs(f, p)),
      `${lowestRatio(f, p).toFixed(2)} ×`,
      `${(f.serverCpuMsPerCompletion / (f.serverShareFloorMs + plumbingMs(f, p))).toFixed(2)} ×`,
    ]),
  );
}

function callTable(calls: readonly (RouteSummary & Partial<CallRow>)[], withServer: boolean): string {
  const header = ['call', 'calls', 'failed', 'p50', 'p95', 'p99', 'max'];
  if (withServer) header.push('server p50', 'server p99');
  return markdownTable(
    header,
    calls.map((c) => [
      `${c.method} ${c.route}`,
      count(c.calls),
      count(c.errors),
      ms(c.p50Ms),
      ms(c.p95Ms),
      ms(c.p99Ms),
      ms(c.maxMs),
      ...(withServer ? [ms(c.serverP50Ms ?? Number.NaN), ms(c.serverP99Ms ?? Number.NaN)] : []),
    ]),
  );
}

function describeErrors(errors: readonly { message: string; count: number }[]): string {
  return errors.map((e) => `${count(e.count)} × ${e.message}`).join('; ');
}

function pendingLines(report: LoadReport): string[] {
  const p = report.pending;
  const settings = report.settings.pending;
  const wakeUpSessions = Math.min(settings.wakeUps, p.created);
  const errors = totalOf(p.errors);
  return [
    `${count(p.created)} sessions created (${count(p.created - wakeUpSessions)} anonymous QR logins nobody answers, ` +
      `${wakeUpSessions} notification logins to the devices) in ${p.creationSeconds.toFixed(1)} s, ` +
      `${settings.creationConcurrency} at a time; then a raw \`GET /v3/session/:sessionId?timeoutMs=120000\` for each, ` +
      `opened at up to ${count(settings.pollsOpenedPerSecond)} per second.`,
    '',
    `- Long polls parked (\`tessera_long_polls_parked\`): at most ${count(p.parkedMax)} of ${count(p.pollsOpened)}` +
      `${p.secondsToPark === null ? `, never all within ${settings.parkDeadlineMs / 1000} s` : `, all after ${p.secondsToPark.toFixed(1)} s`}.`,
    `- Server memory: resident ${mb(p.residentBytesParked)} with the polls parked (heap used ` +
      `${mb(p.heapUsedBytesParked)}), at most ${mb(p.residentBytesMax)} in the phase.`,
    `- With the polls parked and nothing else happening for ${(settings.quietMs / 1000).toFixed(1)} s the server used ` +
      `${p.serverCpuCoresQuiet.toFixed(2)} cores (the whole machine ${p.machineCpuCoresQuiet.toFixed(2)}); its database ` +
      `pool of 10 connections had up to ${count(p.poolWaitingMax)} queries waiting. A parked poll reads its ` +
      'session again every second, less often once more than 250 are parked, so that together they read at most ' +
      '250 times a second (docs/adr/0011-cross-node-wake-ups.md).',
    `- Wake-ups, devices completing sessions one at a time (for at most ${settings.wakeUpDeadlineMs / 1000} s), from ` +
      `the confirmation's answer to the RP's poll returning COMPLETE: ${describeWakeUps(p.wakeUps)}.`,
    `- Errors: ${count(errors)}${errors > 0 ? ` (${describeErrors(p.errorMessages)})` : ''}.`,
  ];
}

/** What bounds the closed loops, in the run's own figures. */
function readingTheFlows(report: LoadReport): string[] {
  const mean = (pick: (f: FlowReport) => number) =>
    report.flows.reduce((a, f) => a + pick(f), 0) / Math.max(1, report.flows.length);
  return [
    'Reading these: the load generator shares the machine with the server and PostgreSQL. It used ' +
      `${mean((f) => f.generator.cpuCores).toFixed(2)} cores on average (the devices' partial signatures, by OpenSSL, ` +
      "and the RP client's checks of every result, on its one thread), the server " +
      `${mean((f) => f.serverCpuCores).toFixed(2)}, the whole machine ${mean((f) => f.generator.machineCpuCores).toFixed(2)}.`,
    "The generator's event-loop delay (p99 above) is part of every client-side latency below; the server's own",
    'histogram is beside them.',
  ];
}

/** The section of bench/RESULTS.md. */
export function renderLoadReport(report: LoadReport): string {
  const s = report.settings;
  const f = report.floors;
  const failures = report.flows.flatMap((x) => x.failureMessages.map((m) => `${x.flow}: “${m}”`));
  const b = report.busy;
  return [
    '## Load: one server process on PostgreSQL (apps/server)',
    '',
    `Command: \`node --import tsx bench/load.bench.ts${s.mode === 'quick' ? ' --quick' : ''} --write\`, run on ${report.date}` +
      `${s.mode === 'quick' ? ' (quick mode: small counts, figures indicative only)' : ''}.`,
    `Machine: ${report.machine}.`,
    '',
    'One `tessera start` process on PostgreSQL at 127.0.0.1 (a fresh schema; the sandbox with declared identities,',
    'no simulated user) driven over loopback from one load-generator process on the same machine: ' +
      `${report.enrolment.devices} headless devices (\`@tessera/device\`, RSA 3072 keys, enrolled in ` +
      `${report.enrolment.seconds.toFixed(1)} s) and the RP client (\`@tessera/rp-client\`, every result verified in full).`,
    'Server figures come from its `/metrics`; call latencies are timed by the load generator up to the whole answer,',
    "beside the server's own histogram (interpolated inside its buckets, so coarse).",
    '',
    '### Targets',
    '',
    ...judgeTargets(report).map((t) => `- ${t.target}: **${t.met ? 'met' : 'NOT met'}** — ${t.measured}.`),
    '',
    '### Floors (measured in the same run)',
    '',
    'At the start, as below; the server-share floor again just before each closed loop (with the server idle),',
    'because the CPU a shared machine gives varies within a run: each loop is set against the floor of its own minutes.',
    '',
    markdownTable(
      ['floor at 3072 bits', 'median', 'p95'],
      [
        [
          'server-share modexp (OpenSSL, full-size secret exponent)',
          ms(f.serverShare.medianMs),
          ms(f.serverShare.p95Ms),
        ],
        ['public-exponent check `s^e mod n` (BigInt)', ms(f.publicCheck.medianMs), ms(f.publicCheck.p95Ms)],
      ],
    ),
    '',
    'The plumbing floor, at the start: a server of node:http and pg and nothing else (`bench/lib/plumbing-server.mjs`)',
    `on the same PostgreSQL, driven by ${s.plumbing.clients} keep-alive clients over loopback (${s.plumbing.seconds} s per loop, ` +
      `${count(report.plumbing.requests)} requests).`,
    'Its CPU per HTTP request (a JSON body and answer) and per statement (`select $1`, one row, through a pool of 10',
    'connections) is what any server of this protocol pays for each.',
    '',
    markdownTable(
      ['plumbing (server CPU, mean)', 'each'],
      [
        ['one HTTP request', ms(report.plumbing.requestMs)],
        ['one PostgreSQL statement', ms(report.plumbing.statementMs)],
      ],
    ),
    '',
    `### Complete flows, closed loop (${report.enrolment.devices} workers, one device each, ${s.flowSeconds} s per flow)`,
    '',
    'A QR login: the RP starts an anonymous device-link login and long-polls; the device opens the QR link, takes',
    'the transaction and confirms with PIN1. A notification login or signature: the RP starts it to the device and',
    'long-polls; the device lists what waits for it, takes the offer and confirms with PIN1 or PIN2. Server CPU per',
    'completion is its process CPU time over the sessions it completed OK (everything: HTTP, JSON, database',
    'driver, the device request checks, the two-party completion), PostgreSQL itself not included.',
    '',
    flowTable(report),
    ...(failures.length > 0 ? ['', `First failures: ${failures.slice(0, 5).join('; ')}`] : []),
    '',
    ...readingTheFlows(report),
    '',
    'What the protocol itself costs: the HTTP requests and database statements the server counted per completion',
    '(its `/metrics`), priced at the plumbing floor. The exponentiation plus that is the least a completion could',
    'cost with these requests and statements; the last column is how far above it the server is.',
    '',
    plumbingTable(report),
    '',
    "Calls of the three closed loops. `GET /v3/session/:sessionId` is the RP's long poll: its time is mostly waiting.",
    '',
    callTable(report.calls, true),
    '',
    `### Plain GETs while signing (${s.probeSeconds} s)`,
    '',
    `Each URL every ${s.probeIntervalMs} ms from a thread of its own (so the generator's own work does not`,
    `delay it), during a closed loop of notification signatures: ${b.signing.perSecond.toFixed(1)} signatures/s,`,
    `server at ${b.signing.serverCpuCores.toFixed(2)} cores, server event-loop delay p99 ${ms(b.signing.serverLoopDelayP99Ms)}`,
    '(its 10 ms sampling interval included).',
    '',
    callTable(b.gets, false),
    '',
    `### Session creation at ${report.creation.ratePerSecond}/s (${s.creation.seconds} s, open loop)`,
    '',
    'Anonymous QR logins started on a fixed schedule, each timed from its scheduled start: ' +
      `${count(report.creation.created)} of ${count(report.creation.scheduled)} created ` +
      `(${report.creation.achievedPerSecond.toFixed(1)}/s), ${report.creation.failures} failed; ` +
      `p50 ${ms(percentile(report.creation.latenciesMs, 0.5))}, p95 ${ms(percentile(report.creation.latenciesMs, 0.95))}, ` +
      `p99 ${ms(percentile(report.creation.latenciesMs, 0.99))}; the server's own p99 ${ms(report.creation.serverP99Ms)}. ` +
      `The load generator used ${report.creation.generator.cpuCores.toFixed(2)} cores meanwhile, the whole machine ` +
      `${report.creation.generator.machineCpuCores.toFixed(2)}.`,
    '',
    '### Long-poll wake-ups with only that poll parked',
    '',
    'One after another: the RP starts a notification login to a device and opens its long poll; the device takes',
    "and confirms it; timed from the confirmation's answer to the poll returning COMPLETE: " +
      `${describeWakeUps(report.alone)}, ${count(report.alone.errors)} errors` +
      `${report.alone.errors > 0 ? ` (${describeErrors(report.alone.errorMessages)})` : ''}.`,
    '',
    `### ${count(report.pending.target)} sessions pending at once`,
    '',
    ...pendingLines(report),
    '',
    callTable(report.pending.calls, false),
  ].join('\n');
}
