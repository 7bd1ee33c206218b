/**
 * Slowdown over a baseline target (native by default): per benchmark (and size, opt) the median
 * of a time column over a target's successful reps divided by the baseline's median — a thin
 * view of compare() (compare.ts has the CIs, p-values and the baseline kinds). The median, not
 * the mean or the min, so one noisy rep on a shared machine moves the ratio little. Summaries
 * over benchmarks use the geometric mean, the mean for ratios (Fleming & Wallace, "How not to
 * lie with statistics: the correct way to summarize benchmark results", CACM 1986).
 */
import type { RunRecord } from '../record.js';
import { compare } from './compare.js';
import type { Row } from './rows.js';

export { geomean } from './bootstrap.js';

export interface SlowdownOptions {
  /** Which time: the program's own kernel timer (default) or the whole process. */
  metric?: 'kernel_s' | 'wall_s';
  /** The baseline target; default "native". An ambiguous one is a UsageError naming the candidates. */
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
  ci_low: number | null; // 95% CI of the slowdown (compare.ts), null under 3 reps
  ci_high: number | null;
}

export function slowdown(records: readonly Row[] | readonly RunRecord[], o: SlowdownOptions = {}): SlowdownRow[] {
  // RunRecords and frame rows have the same columns; only their static types differ.
  const c = compare(records as readonly Row[], { baseline: o.baseline ?? 'native', metric: o.metric ?? 'kernel_s' });
  return c.rows.map((r) => ({
    benchmark: r.benchmark, size: r.size, opt: r.opt, target: r.subject, median_s: r.median, baseline_s: r.baseline_median,
    slowdown: r.ratio, reps: r.n, ci_low: r.ci_low, ci_high: r.ci_high,
  }));
}
