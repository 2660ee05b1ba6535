/**
 * Load on one server process on PostgreSQL, against the targets (see bench/lib/run-load-benchmark.ts):
 * - floors: the server-share modexp (OpenSSL, 3072 bits, full-size secret exponent), the public-exponent check,
 *   and the plumbing (server CPU per HTTP request and per statement through node:http and pg alone);
 * - complete QR and notification logins and notification signatures, closed loop: completions per second, p50/p95/p99
 *   of each API call, server CPU per completion against the floor, requests and statements per completion;
 * - plain GETs while signing; session creation at 100/s; 10,000 sessions pending with a parked long poll each
 *   (server memory, wake-up latency of the polls).
 *
 * Run: node --import tsx bench/load.bench.ts [--quick] [--write]   (--write updates bench/RESULTS.md)
 * Bounded: every phase stops at its count or its wall time; the full run takes about six minutes, --quick well
 * under one. Needs PostgreSQL at 127.0.0.1:5432 (TESSERA_TEST_DATABASE_URL), as the end-to-end tests do.
 */
import { renderLoadReport } from './lib/load-report.js';
import { writeResultsSection } from './lib/results-file.js';
import { FULL_SETTINGS, QUICK_SETTINGS, runLoadBenchmark } from './lib/run-load-benchmark.js';

const settings = process.argv.includes('--quick') ? QUICK_SETTINGS : FULL_SETTINGS;
const report = await runLoadBenchmark(settings, (line) => console.error(line));
const markdown = renderLoadReport(report);
console.log(markdown);
if (process.argv.includes('--write')) writeResultsSection('load', markdown);
