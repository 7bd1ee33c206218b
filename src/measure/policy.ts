/**
 * How many repetitions a target gets. Fixed (`reps`), or adaptive: after `minRuns`, keep going
 * until the 95% confidence interval of the median is within ±ciPercent of the median, or
 * `maxRuns` / `maxTimeS` is reached. `minTimeS` keeps a fast target running until it has
 * accumulated that much measured time (like hyperfine's --min-benchmarking-time).
 *
 * The median's CI is distribution-free (run times are skewed, so no normal assumption): the
 * exact binomial interval of order statistics that src/analysis/summarize.ts computes for every
 * table (Conover, "Practical Nonparametric Statistics", 3rd ed., §3.2), so the stopping rule and
 * the reported CI are the same interval.
 */
import { median as medianOf } from '../analysis/aggregate.js';
import { medianCi } from '../analysis/summarize.js';

export interface RepPolicy {
  warmup: number;
  minRuns: number;
  maxRuns: number;
  minTimeS: number;
  /** Adaptive when set: target half-width of the median's 95% CI, in percent of the median. */
  ciPercent?: number;
  /** Upper bound of measured time per target in adaptive mode. */
  maxTimeS: number;
}

export function fixedPolicy(reps: number, warmup = 1): RepPolicy {
  return { warmup, minRuns: reps, maxRuns: reps, minTimeS: 0, maxTimeS: Infinity };
}

export function adaptivePolicy(ciPercent: number, opts: Partial<RepPolicy> = {}): RepPolicy {
  return { warmup: 1, minRuns: 5, maxRuns: 50, minTimeS: 0, maxTimeS: 60, ciPercent, ...opts };
}

/** The median of `xs` and its distribution-free 95% CI (the one analysis uses), or null when n < 6 (too few). */
export function medianCI(xs: readonly number[]): { median: number; lo: number; hi: number } | null {
  const s = [...xs].sort((a, b) => a - b);
  const ci = medianCi(s);
  return ci ? { median: medianOf(s, true)!, lo: ci.low, hi: ci.high } : null;
}

/**
 * Does a target need another run? `values` are its runs' primary metric (metric.ts: kernel_s,
 * or wall_s without a timed region), which the CI is computed on; `spentS` is the wall time its
 * runs took, which the time bounds (minTimeS, maxTimeS) count (default: the sum of `values`).
 */
export function needsMoreRuns(p: RepPolicy, values: readonly number[], spentS?: number): boolean {
  const times = values;
  const n = times.length;
  const total = spentS ?? times.reduce((a, b) => a + b, 0);
  if (n < p.minRuns) return true;
  if (n >= p.maxRuns) return false;
  if (total < p.minTimeS) return true;
  if (p.ciPercent === undefined) return false;
  if (total >= p.maxTimeS) return false;
  const ci = medianCI(times);
  if (!ci) return true;
  const halfWidth = Math.max(ci.median - ci.lo, ci.hi - ci.median);
  return (halfWidth / ci.median) * 100 > p.ciPercent;
}
