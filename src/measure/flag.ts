/**
 * Outlier flags over complete groups of rows: one group per configuration, as analysis groups
 * rows (rowKey: benchmark, size, opt, target, runtime version, build features, host) — two versions of a runtime
 * are two configurations, not one with outliers. Rows of a group may come from several sweeps
 * (reused from the store): the group is the configuration, not the sweep. Null where not evaluated: failed rows and groups too small.
 * The flags look at the primary metric (metric.ts): kernel_s, or wall_s where a program has no
 * timed region.
 */
import type { RunRecord } from '../record.js';
import { rowKey } from '../analysis/summarize.js';
import { primaryMetric } from './metric.js';
import { MIN_VALUES_FOR_OUTLIERS, outlierFlags } from './outliers.js';

export function flagOutliers(rows: RunRecord[]): RunRecord[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    r.outlier = null;
    if (r.wall_s === null || r.status !== 'ok') continue;
    const k = rowKey(r as unknown as Parameters<typeof rowKey>[0]);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  for (const g of groups.values()) {
    if (g.length < MIN_VALUES_FOR_OUTLIERS) continue;
    const metric = primaryMetric(g);
    const flags = outlierFlags(g.map((r) => r[metric]!));
    g.forEach((r, i) => { r.outlier = flags[i]!; });
  }
  return rows;
}
