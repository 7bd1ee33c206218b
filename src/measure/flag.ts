/**
 * Outlier flags over complete groups of rows: one group per (benchmark, size, opt, target,
 * build features, host). Rows of a group may come from several sweeps (reused from the store): the group is the
 * configuration, not the sweep. Null where not evaluated: failed rows and groups too small.
 * The flags look at the primary metric (metric.ts): kernel_s, or wall_s where a program has no
 * timed region.
 */
import type { RunRecord } from '../record.js';
import { primaryMetric } from './metric.js';
import { MIN_VALUES_FOR_OUTLIERS, outlierFlags } from './outliers.js';

export function flagOutliers(rows: RunRecord[]): RunRecord[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    r.outlier = null;
    if (r.wall_s === null || r.status !== 'ok') continue;
    const k = [r.benchmark, r.size, r.opt, r.runtime, r.mode, r.aot, r.features ?? '', r.host_id].join('\0');
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
