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
import { aggregate, median } from './aggregate.js';
import { targetLabel } from '../record.js';
import { binomialCdf } from './normal.js';
import {
  cellText, DEFAULT_METRIC, GROUP_KEYS, groupIdOf, UsageError, valueOf,
  type Exclusion, type GroupId, type GroupKey, type Row,
} from './rows.js';

export interface Group {
  id: GroupId;
  /** The usable values, sorted ascending. */
  values: number[];
  exclusions: Exclusion[];
  /** Distinct values of the columns asked for with `tags` (ok rows only), e.g. counter_scope. */
  tags?: Map<string, Set<string>>;
}

/** The key of a row's group under the default grouping (all GROUP_KEYS), built without an object per row. */
export function rowKey(r: Row): string {
  return `${cellText(r.benchmark)}\u0000${cellText(r.size)}\u0000${cellText(r.opt)}\u0000${targetLabel(r)}\u0000${cellText(r.runtime_version)}\u0000${cellText(r.features)}\u0000${cellText(r.host)}`;
}

/** Rows into groups by `by` (default: benchmark, size, opt, target, runtime_version, features, host). */
export function collect(rows: readonly Row[], metric: string = DEFAULT_METRIC, by: readonly GroupKey[] = GROUP_KEYS): Group[] {
  return collectMany(rows, [metric], by)[0]!;
}

/**
 * The groups of several metrics in one pass over the rows: one Group[] per metric, in the
 * same group order (a group without usable values of a metric has values = []).
 */
export function collectMany(rows: readonly Row[], metrics: readonly string[], by: readonly GroupKey[] = GROUP_KEYS, tags: readonly string[] = []): Group[][] {
  for (const k of by) if (!(GROUP_KEYS as readonly string[]).includes(k)) throw new UsageError(`cannot group by "${k}" (one of ${GROUP_KEYS.join(', ')})`);
  const index = new Map<string, number>();
  const out: Group[][] = metrics.map(() => []);
  const full = GROUP_KEYS.every((k) => by.includes(k));
  const keyOfRow = full ? rowKey : (r: Row) => by.map((k) => (k === 'target' ? targetLabel(r) : cellText(r[k]))).join('\u0000');
  // Default grouping: a trie over the raw cells (no key string per row; the cells' strings keep
  // their hashes). A new leaf is resolved once through the string key, so cells that print the
  // same (null and '') or targets with the same label share a group.
  const trie = new Map<unknown, unknown>();
  const TRIE = ['benchmark', 'size', 'opt', 'runtime', 'mode', 'aot', 'runtime_version', 'features', 'host'] as const;
  for (const r of rows) {
    let gi: number | undefined;
    let node = trie;
    if (full) {
      for (let d = 0; d < TRIE.length - 1; d++) {
        const v = r[TRIE[d]!] ?? null;
        let next = node.get(v) as Map<unknown, unknown> | undefined;
        if (!next) { next = new Map(); node.set(v, next); }
        node = next;
      }
      gi = node.get(r.host ?? null) as number | undefined;
    }
    if (gi === undefined) {
      const key = keyOfRow(r);
      gi = index.get(key);
      if (gi !== undefined && full) node.set(r.host ?? null, gi);
    }
    if (gi === undefined) {
      gi = out[0]!.length;
      index.set(keyOfRow(r), gi);
      if (full) node.set(r.host ?? null, gi);
      const id = groupIdOf(r);
      const t = tags.length ? new Map(tags.map((c) => [c, new Set<string>()])) : undefined;
      for (const gs of out) gs.push({ id: { ...id }, values: [], exclusions: [], tags: t });
    } else if (!full) {
      // A field outside `by` that varies within the group is shown as "*".
      const id = groupIdOf(r);
      for (const gs of out) {
        const g = gs[gi]!;
        for (const f of Object.keys(id) as (keyof GroupId)[]) if (f !== 'aot' && g.id[f] !== id[f]) (g.id as unknown as Record<string, unknown>)[f] = '*';
      }
    }
    const ok = r.status === 'ok';
    if (ok && tags.length) { const t = out[0]![gi]!.tags!; for (const c of tags) t.get(c)!.add(cellText(r[c])); }
    for (let m = 0; m < metrics.length; m++) {
      const g = out[m]![gi]!;
      const v = ok ? r[metrics[m]!] : undefined;
      if (typeof v === 'number' && v > 0 && v < Infinity) g.values.push(v);
      else g.exclusions.push(valueOf(r, metrics[m]!) as Exclusion);
    }
  }
  for (const gs of out) for (const g of gs) g.values = Array.from(Float64Array.from(g.values).sort());
  return out;
}

/** Lower 1-based index k of the distribution-free 95% CI of the median, and its coverage; null for n < 6. */
const ciIndexCache = new Map<string, { k: number; coverage: number } | null>();
export function medianCiIndex(n: number, level = 0.95): { k: number; coverage: number } | null {
  const key = `${n}:${level}`;
  if (ciIndexCache.has(key)) return ciIndexCache.get(key)!;
  let best: { k: number; coverage: number } | null = null;
  for (let k = 1; k <= Math.floor((n + 1) / 2); k++) {
    const coverage = 1 - 2 * binomialCdf(k - 1, n, 0.5);
    if (coverage >= level) best = { k, coverage }; else break;
  }
  ciIndexCache.set(key, best);
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
    median: median(v, true), mean, sd, min: n ? v[0]! : null, max: n ? v[n - 1]! : null,
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
