/**
 * Client-side timing of every HTTP call a benchmark makes, by method and route template (`/v3/session/:sessionId`,
 * never the concrete URL), through a wrapped `fetch`.
 */
import { percentile } from './percentile.js';

/** Latency figures of one route, in milliseconds. */
export interface RouteSummary {
  readonly method: string;
  readonly route: string;
  readonly calls: number;
  /** Calls that failed: a network error, a timeout, or an HTTP status of 400 or more. */
  readonly errors: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Concrete paths to the server's route templates, first match wins; other paths are fixed routes already. */
const ROUTE_TEMPLATES: readonly (readonly [RegExp, string])[] = [
  [/^\/(v[23])\/session\/[^/]+$/, '/$1/session/:sessionId'],
  [/^(\/v[23]\/.+\/document)\/[^/]+$/, '$1/:documentNumber'],
  [/^(\/v[23]\/.+\/etsi)\/[^/]+$/, '$1/:identifier'],
  [/^\/v3\/signature\/certificate\/[^/]+$/, '/v3/signature/certificate/:documentNumber'],
  [/^\/app\/v1\/transactions\/[^/]+(\/[a-z-]+)?$/, '/app/v1/transactions/:transactionId$1'],
  [/^\/app\/v1\/accounts\/[^/]+$/, '/app/v1/accounts/:documentNumber'],
  [/^\/pki\/ocsp\/.+$/, '/pki/ocsp/*'],
];

/** The route template of a URL or path: the path without its query, identifiers replaced by parameter names. */
export function routeTemplate(urlOrPath: string): string {
  const path = new URL(urlOrPath, 'http://any').pathname;
  for (const [pattern, template] of ROUTE_TEMPLATES) {
    if (pattern.test(path)) return path.replace(pattern, template);
  }
  return path;
}

/** Durations and error counts of calls, by `METHOD route`. */
export class CallTimings {
  readonly #durations = new Map<string, number[]>();
  readonly #errors = new Map<string, number>();

  record(method: string, route: string, ms: number, failed: boolean): void {
    const key = `${method.toUpperCase()} ${route}`;
    const list = this.#durations.get(key) ?? [];
    list.push(ms);
    this.#durations.set(key, list);
    if (failed) this.#errors.set(key, (this.#errors.get(key) ?? 0) + 1);
  }

  /** All calls that failed, on every route. */
  get errors(): number {
    let total = 0;
    for (const n of this.#errors.values()) total += n;
    return total;
  }

  /** One summary per route, sorted by route. */
  summaries(): RouteSummary[] {
    return [...this.#durations.entries()]
      .map(([key, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        const space = key.indexOf(' ');
        return {
          method: key.slice(0, space),
          route: key.slice(space + 1),
          calls: sorted.length,
          errors: this.#errors.get(key) ?? 0,
          p50Ms: percentile(sorted, 0.5),
          p95Ms: percentile(sorted, 0.95),
          p99Ms: percentile(sorted, 0.99),
          maxMs: sorted[sorted.length - 1]!,
        };
      })
      .sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method));
  }
}

/** HTTP statuses whose response has no body (a Response cannot be built with one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that records each call's duration, up to the whole body received, in whatever `timings()` returns
 * at the time (so a benchmark can switch recorders between phases). Calls without a signal of their own are
 * cut off after `timeoutMs` (or what it returns at the time). Once `stop` is aborted every call in flight is cut off and not recorded: the
 * benchmark stopped waiting, the server did not fail.
 */
export function createTimedFetch(
  timings: () => CallTimings,
  {
    timeoutMs = 30_000,
    stop,
    base = globalThis.fetch,
  }: { timeoutMs?: number | (() => number); stop?: AbortSignal; base?: typeof fetch } = {},
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const route = routeTemplate(url);
    const own = init?.signal ?? AbortSignal.timeout(typeof timeoutMs === 'number' ? timeoutMs : timeoutMs());
    const signal = stop === undefined ? own : AbortSignal.any([own, stop]);
    const recorder = timings();
    const started = performance.now();
    try {
      const res = await base(input, { ...init, signal });
      // Read the body here, so the duration is the whole answer's; small bodies only in these benchmarks.
      const body = await res.arrayBuffer();
      recorder.record(method, route, performance.now() - started, res.status >= 400);
      return new Response(NULL_BODY_STATUSES.has(res.status) ? null : body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (error) {
      if (!stop?.aborted) recorder.record(method, route, performance.now() - started, true);
      throw error;
    }
  };
}
