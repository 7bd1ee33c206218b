/**
 * The report `wasmlab report` prints and `wl.report` returns: for one metric and one baseline,
 * the geomean of every target's per-benchmark ratios with its 95% CI and verdict (ranked),
 * the per-benchmark ratios, the cases that could not be compared and why, and the count of
 * excluded runs (failed, and ok rows with an unusable value). A pure function of the rows: the
 * CLI's JSON is this object, so the printed numbers and the analysis functions' are one.
 */
import type { BootstrapOptions } from './bootstrap.js';
import { comparePaired, pairUp, type CompareOptions, type Missing, type RatioRow } from './compare.js';
import { geomeansOf, type GeomeanRow } from './geomeans.js';
import type { Excluded, Row } from './rows.js';

export type ReportOptions = CompareOptions & BootstrapOptions;

export interface Report {
  metric: string;
  baseline: string;
  /** Rows read, and rows excluded (failed runs, and ok rows whose value is missing/zero/negative/non-finite). */
  rows: number;
  excluded: Excluded;
  /** One per target, ranked by geomean (smallest first). */
  geomeans: GeomeanRow[];
  comparisons: RatioRow[];
  missing: Missing[];
}

export function report(rows: readonly Row[], o: ReportOptions = {}): Report {
  const p = pairUp(rows, o);
  const c = comparePaired(p);
  const g = geomeansOf(p, c.rows, o).sort((a, b) => a.geomean - b.geomean);
  return { metric: p.metric, baseline: p.baseline, rows: rows.length, excluded: p.excluded, geomeans: g, comparisons: c.rows, missing: p.missing };
}
