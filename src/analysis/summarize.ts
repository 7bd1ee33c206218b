/**
 * Per-group summaries of one metric: median, mean, sd, min, max, n, and the distribution-free
 * 95% confidence interval of the median from binomial order statistics: with Y(1) ≤ … ≤ Y(n),
 * [Y(k), Y(n−k+1)] covers the population median with probability 1 − 2·P(B ≤ k−1),
 * B ~ Binomial(n, ½); k is the largest index keeping that ≥ 95% (Conover, "Practical
 * Nonparametric Statistics", 3rd ed., §3.2; Le Boudec, "Performance Evaluation of Computer and
 * Communication Systems", Thm. 2.1). It needs n ≥ 6 (with 5 values even [min, max] covers only
 * 93.75%), so smaller groups get no interval (null), never a narrower one. `ci_level` is the
 * interval's exact coverage (≥ 0.95).
 *
 * Failed rows (status ≠ ok) are excluded and counted in `failed`; ok rows with a missing, zero,
 * negative or non-finite value are excluded and counted in `invalid`, with their reasons.
 * The median is `aggregate(…, 'median')`, wasmlab's one definition (mean of the two middle
 * values for even n).
 */
import { aggregate } from './aggregate.js';
import { binomialCdf } from './normal.js';
import {
  DEFAULT_METRIC, GROUP_KEYS, groupIdOf, keyOf, tally, UsageError, valueOf,
  type Excluded, type Exclusion, type GroupId, type GroupKey, type Row,
} from './rows.js';

export interface Group {
  id: GroupId;
  /** The usable values, sorted ascending. */
  values: number[];
  exclusions: Exclusion[];
}

/** Rows into groups by `by` (default: benchmark, size, opt, target, runtime_version, host). */
export function collect(rows: readonly Row[], metric: string = DEFAULT_METRIC, by: readonly GroupKey[] = GROUP_KEYS): Group[] {
  for (const k of by) if (!(GROUP_KEYS as readonly string[]).includes(k)) throw new UsageError(`cannot group by "${k}" (one of ${GROUP_KEYS.join(', ')})`);
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const id = groupIdOf(r);
    const key = keyOf(id, by);
    let g = groups.get(key);
    if (!g) {
      g = { id, values: [], exclusions: [] };
      groups.set(key, g);
    } else {
      // A field outside `by` that varies within the group is shown as "*".
      for (const f of Object.keys(id) as (keyof GroupId)[]) if (f !== 'aot' && g.id[f] !== id[f]) (g.id as unknown as Record<string, unknown>)[f] = '*';
    }
    const v = valueOf(r, metric);
    if ('value' in v) g.values.push(v.value); else g.exclusions.push(v);
  }
  for (const g of groups.values()) g.values.sort((a, b) => a - b);
  return [...groups.values()];
}

/** Lower 1-based index k of the distribution-free 95% CI of the median, and its coverage; null for n < 6. */
export function medianCiIndex(n: number, level = 0.95): { k: number; coverage: number } | null {
  let best: { k: number; coverage: number } | null = null;
  for (let k = 1; k <= Math.floor((n + 1) / 2); k++) {
    const coverage = 1 - 2 * binomialCdf(k - 1, n, 0.5);
    if (coverage >= level) best = { k, coverage }; else break;
  }
  return best;
}

/** The distribution-free CI of the median of sorted values, or null when n is too small. */
export function medianCi(sorted: readonly number[], level = 0.95): { low: number; high: number; level: number } | null {
  const c = medianCiIndex(sorted.length, level);
  if (!c) return null;
  return { low: sorted[c.k - 1]!, high: sorted[sorted.length - c.k]!, level: c.coverage };
}

export interface Summary extends GroupId {
  metric: string;
  n: number;
  failed: number;
  invalid: number;
  median: number | null;
  mean: number | null;
  sd: number | null; // sample standard deviation (n − 1); null for n < 2
  min: number | null;
  max: number | null;
  ci_low: number | null; // distribution-free 95% CI of the median; null for n < 6
  ci_high: number | null;
  ci_level: number | null; // its exact coverage
}

export function summarizeGroup(g: Group, metric: string): Summary {
  const v = g.values;
  const n = v.length;
  const mean = aggregate(v, 'mean');
  const sd = n >= 2 ? Math.sqrt(v.reduce((a, x) => a + (x - mean!) ** 2, 0) / (n - 1)) : null;
  const ci = medianCi(v);
  return {
    ...g.id, metric, n,
    failed: g.exclusions.filter((e) => e.kind === 'failed').length,
    invalid: g.exclusions.filter((e) => e.kind === 'invalid').length,
    median: aggregate(v, 'median'), mean, sd, min: n ? v[0]! : null, max: n ? v[n - 1]! : null,
    ci_low: ci?.low ?? null, ci_high: ci?.high ?? null, ci_level: ci?.level ?? null,
  };
}

export interface SummarizeOptions {
  metric?: string;
  by?: readonly GroupKey[];
}

/** One summary per group; groups whose every row failed are kept (n = 0, failed > 0). */
export function summarize(rows: readonly Row[], o: SummarizeOptions = {}): Summary[] {
  const metric = o.metric ?? DEFAULT_METRIC;
  return collect(rows, metric, o.by).map((g) => summarizeGroup(g, metric));
}

/** Every excluded row of these groups, counted by kind and reason. */
export function excludedOf(groups: readonly Group[]): Excluded {
  return tally(groups.flatMap((g) => g.exclusions));
}
