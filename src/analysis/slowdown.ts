/**
 * Slowdown over native: for each benchmark (and size, opt) the median of a time column over a
 * target's successful reps, divided by native's median. The median, not the mean or the min,
 * so one noisy rep on a shared machine moves the ratio little. Summaries over benchmarks use
 * the geometric mean, the mean for ratios (Fleming & Wallace, "How not to lie with statistics:
 * the correct way to summarize benchmark results", CACM 1986).
 */
import type { Cell } from '../frame/table.js';
import { targetLabel, type RunRecord } from '../record.js';
import { aggregate } from './aggregate.js';

/** A run record, or a row of a frame made from run records. */
type Row = Record<string, Cell>;

export interface SlowdownOptions {
  /** Which time: the program's own kernel timer (default) or the whole process. */
  metric?: 'kernel_s' | 'wall_s';
  /** The baseline runtime; default "native". */
  baseline?: string;
}

export interface SlowdownRow {
  benchmark: string;
  size: string;
  opt: string;
  target: string; // "wasmtime:cranelift", "+aot" when precompiled
  median_s: number;
  baseline_s: number;
  slowdown: number;
  reps: number;
}


export function slowdown(records: readonly Row[] | readonly RunRecord[], o: SlowdownOptions = {}): SlowdownRow[] {
  // RunRecords and frame rows have the same columns; only their static types differ.
  const rows = records as readonly Row[];
  const metric = o.metric ?? 'kernel_s';
  const baseline = o.baseline ?? 'native';
  const groups = new Map<string, { r: Row; vals: number[] }>();
  for (const r of rows) {
    const v = r[metric];
    if (r.status !== 'ok' || typeof v !== 'number' || !Number.isFinite(v)) continue;
    const k = JSON.stringify([r.benchmark, r.size, r.opt, targetLabel(r)]);
    const g = groups.get(k) ?? { r, vals: [] };
    g.vals.push(v);
    groups.set(k, g);
  }
  const base = new Map<string, number>();
  for (const { r, vals } of groups.values()) {
    if (r.runtime === baseline) base.set(JSON.stringify([r.benchmark, r.size, r.opt]), aggregate(vals, 'median')!);
  }
  const out: SlowdownRow[] = [];
  for (const { r, vals } of groups.values()) {
    if (r.runtime === baseline) continue;
    const b = base.get(JSON.stringify([r.benchmark, r.size, r.opt]));
    const m = aggregate(vals, 'median')!;
    if (b === undefined || b <= 0) continue;
    out.push({
      benchmark: String(r.benchmark), size: String(r.size), opt: String(r.opt), target: targetLabel(r),
      median_s: m, baseline_s: b, slowdown: m / b, reps: vals.length,
    });
  }
  return out;
}

/** Geometric mean of positive ratios. */
export function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}
