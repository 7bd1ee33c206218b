/**
 * Tables: a pivot of any column (benchmarks × targets by default; several rows per cell are
 * combined with an aggregation, median by default, over usable values only) and a ranking of
 * geomean rows.
 */
import type { GeomeanInterval } from './interval.js';
import type { Cell } from '../frame/table.js';
import { aggregate, type Agg } from './aggregate.js';
import type { GeomeanRow } from './geomeans.js';
import { targetLabel } from '../record.js';

export interface PivotOptions {
  /** The column whose values fill the table. */
  value: string;
  /** Row and column keys; default benchmark × target (target = targetLabel for run rows). */
  rows?: string;
  columns?: string;
  agg?: Agg;
}

export interface Pivot {
  columns: string[];
  rows: Record<string, Cell>[];
}

const cellKey = (r: Record<string, unknown>, k: string): string =>
  k === 'target' && !('target' in r) ? targetLabel(r) : r[k] === null || r[k] === undefined ? '' : String(r[k]);

/** Rows with status other than ok are left out (when the rows have a status). */
export function pivot(records: readonly object[], o: PivotOptions): Pivot {
  const rk = o.rows ?? 'benchmark', ck = o.columns ?? (records.some((r) => 'subject' in r) ? 'subject' : 'target');
  const cells = new Map<string, Map<string, number[]>>();
  const cols: string[] = [];
  for (const rec of records as readonly Record<string, unknown>[]) {
    if ('status' in rec && rec.status !== 'ok') continue;
    const v = rec[o.value];
    const r = cellKey(rec, rk), c = cellKey(rec, ck);
    if (!cols.includes(c)) cols.push(c);
    const row = cells.get(r) ?? new Map<string, number[]>();
    cells.set(r, row);
    const vals = row.get(c) ?? [];
    row.set(c, vals);
    if (typeof v === 'number' && Number.isFinite(v)) vals.push(v);
  }
  return {
    columns: [rk, ...cols],
    rows: [...cells].map(([r, row]) => Object.fromEntries([[rk, r], ...cols.map((c) => [c, row.get(c) ? aggregate(row.get(c)!, o.agg ?? 'median') : null])])),
  };
}

export interface RankRow extends GeomeanInterval {
  rank: number;
  subject: string;
  wilcoxon_p: number | null;
}

/** Geomean rows sorted by geomean, smallest (fastest, for times) first. */
export function ranking(g: readonly GeomeanRow[]): RankRow[] {
  return [...g].sort((a, b) => a.geomean - b.geomean).map((x, i) => ({
    rank: i + 1, subject: x.subject, geomean: x.geomean, ci_low: x.ci_low, ci_high: x.ci_high, benchmarks: x.benchmarks, wilcoxon_p: x.wilcoxon_p,
  }));
}
