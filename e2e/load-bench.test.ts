/**
 * The load benchmark (bench/load.bench.ts) in its quick mode, so it cannot rot: every phase runs against a real
 * server process on PostgreSQL and ends without an error. The figures are not judged here (a busy machine moves
 * them); the benchmark's own run does that.
 */
import { describe, expect, it } from 'vitest';
import { judgeTargets, renderLoadReport } from '../bench/lib/load-report.js';
import { QUICK_SETTINGS, runLoadBenchmark } from '../bench/lib/run-load-benchmark.js';

describe('the load benchmark in quick mode', () => {
  it('runs every phase to its end without an error and reports every target', async () => {
    const report = await runLoadBenchmark(QUICK_SETTINGS);

    for (const flow of [...report.flows, report.busy.signing]) {
      expect(flow.failureMessages).toEqual([]);
      expect(flow.completions).toBeGreaterThan(0);
      // The server counted exactly the sessions the relying party saw completed.
      expect(flow.serverCompleted).toBe(flow.completions);
      expect(flow.serverCpuMsPerCompletion).toBeGreaterThan(0);
      expect(flow.serverShareFloorMs).toBeGreaterThan(0);
      // Every completion takes requests and statements, counted by the server itself.
      expect(flow.requestsPerCompletion).toBeGreaterThanOrEqual(3);
      expect(flow.statementsPerCompletion).toBeGreaterThanOrEqual(3);
    }
    expect(report.calls.every((c) => c.errors === 0)).toBe(true);
    expect(report.busy.gets.map((g) => [g.route, g.errors])).toEqual([
      ['/app/v1/server', 0],
      ['/health', 0],
    ]);
    expect(report.creation).toMatchObject({ failures: 0, created: report.creation.scheduled });
    expect(report.alone.errorMessages).toEqual([]);
    expect(report.alone.latenciesMs).toHaveLength(report.alone.asked);
    expect(report.pending.errorMessages).toEqual([]);
    expect(report.pending.created).toBe(QUICK_SETTINGS.pending.sessions);
    expect(report.pending.parkedMax).toBeGreaterThanOrEqual(QUICK_SETTINGS.pending.sessions);
    expect(report.pending.wakeUps.latenciesMs).toHaveLength(QUICK_SETTINGS.pending.wakeUps);
    expect(report.floors.serverShare.medianMs).toBeGreaterThan(0);
    expect(report.plumbing.requestMs).toBeGreaterThan(0);
    expect(report.plumbing.statementMs).toBeGreaterThan(0);

    expect(judgeTargets(report)).toHaveLength(5);
    expect(renderLoadReport(report)).toContain('### Targets');
  }, 150_000);
});
