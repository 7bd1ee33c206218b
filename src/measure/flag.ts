/** Outlier flags over complete groups of rows: one group per (benchmark, size, opt, target). */
import type { RunRecord } from '../record.js';
import { outlierFlags } from './outliers.js';

export function flagOutliers(rows: RunRecord[]): RunRecord[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    if (r.wall_s === null || r.status !== 'ok') continue;
    const k = [r.sweep_id, r.benchmark, r.size, r.opt, r.runtime, r.mode, r.aot].join('\0');
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  for (const g of groups.values()) {
    const flags = outlierFlags(g.map((r) => r.wall_s!));
    g.forEach((r, i) => { r.outlier = flags[i]!; });
  }
  return rows;
}
