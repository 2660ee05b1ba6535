/** Reading a server's Prometheus `/metrics` (text exposition format) for the figures a benchmark reports. */

/** One sample line: a metric name, its labels and its value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Every sample of one scrape, with when it was taken. */
export interface Scrape {
  readonly samples: readonly Sample[];
  /** `performance.now()` when the answer arrived. */
  readonly at: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the text exposition format; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(LABEL)) {
      labels[key!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** Reads `GET {baseUrl}/metrics`; rejects on a failure or after `timeoutMs`. */
export async function scrapeMetrics(baseUrl: string, timeoutMs = 30_000): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}.`);
  const text = await res.text();
  return { samples: parsePrometheusText(text), at: performance.now() };
}

type LabelFilter = Readonly<Record<string, string>>;

const matches = (sample: Sample, name: string, filter: LabelFilter) =>
  sample.name === name && Object.entries(filter).every(([k, v]) => sample.labels[k] === v);

/** The sum of every sample of `name` whose labels include `filter` (0 when there is none). */
export function sumOf(scrape: Scrape, name: string, filter: LabelFilter = {}): number {
  let total = 0;
  for (const s of scrape.samples) if (matches(s, name, filter)) total += s.value;
  return total;
}

/** How much a counter grew from `before` to `after`. */
export function increase(before: Scrape, after: Scrape, name: string, filter: LabelFilter = {}): number {
  return sumOf(after, name, filter) - sumOf(before, name, filter);
}

/**
 * The `q`-quantile (0–1) in seconds of what a histogram observed between two scrapes, over every series whose
 * labels include `filter`, interpolated linearly inside the bucket as Prometheus' `histogram_quantile` does.
 * Only as fine as the buckets; NaN when nothing was observed.
 */
export function histogramQuantile(
  before: Scrape,
  after: Scrape,
  name: string,
  filter: LabelFilter,
  q: number,
): number {
  const bounds = new Set<string>();
  for (const s of after.samples) if (matches(s, `${name}_bucket`, filter)) bounds.add(s.labels.le!);
  const buckets = [...bounds]
    .map((le) => ({
      le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le),
      count: increase(before, after, `${name}_bucket`, { ...filter, le }),
    }))
    .sort((a, b) => a.le - b.le);
  const total = buckets[buckets.length - 1]?.count ?? 0;
  if (total <= 0) return Number.NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, count - below);
    }
    lower = le;
    below = count;
  }
  return lower;
}

/** The distinct values of label `label` among the samples of `name`. */
export function labelValues(scrape: Scrape, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const s of scrape.samples)
    if (s.name === name && s.labels[label] !== undefined) values.add(s.labels[label]);
  return [...values];
}
