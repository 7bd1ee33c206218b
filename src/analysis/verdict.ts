/**
 * The verdict: one sentence per comparison, computed from the numbers, in the spirit of
 * Sightglass's effect-size line ("A is 1.01× to 1.05× faster than B" or "No difference in
 * performance") and hyperfine's relative speed:
 *   "wasmer:llvm is 1.21× [1.15–1.28] faster than wasmer:singlepass (geomean, 95% CI);
 *    faster on 48 of 50 benchmarks, Wilcoxon p < 0.001"
 *   "no significant difference between A and B: 1.02× [0.97–1.08] (geomean, 95% CI); …"
 * A difference is called significant when the geomean's 95% CI excludes 1 (as Sightglass
 * decides on its CI). The Wilcoxon signed-rank p over the per-benchmark log ratios is stated
 * beside it; below 6 benchmarks it cannot reach 0.05 and the sentence says so. "faster on k of
 * n benchmarks" counts benchmarks labelled faster by their Benjamini–Hochberg q-value (q < 0.05
 * over the subject's benchmarks; slower: the same above 1).
 */
import type { GeomeanInterval } from './interval.js';

export interface VerdictInput extends GeomeanInterval {
  subject: string;
  baseline: string;
  metric: string;
  /** Benchmarks labelled below 1, above 1 (BH q < 0.05), and without a CI (too few reps). */
  below: number;
  above: number;
  no_ci: number;
  wilcoxon_p: number | null;
}

/** A ratio for people: 1.21, 34.2, 123. */
export function fmtRatio(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function fmtP(p: number | null): string {
  if (p === null) return 'no Wilcoxon test';
  if (p < 0.001) return 'Wilcoxon p < 0.001';
  return `Wilcoxon p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

function words(metric: string): [string, string] {
  return /_s$/.test(metric) ? ['faster', 'slower'] : [`lower ${metric}`, `higher ${metric}`];
}

export function verdict(v: VerdictInput): string {
  const [less, more] = words(v.metric);
  const n = v.benchmarks;
  const unit = n === 1 ? 'benchmark' : 'benchmarks';
  const wil = fmtP(v.wilcoxon_p) + (n < 6 && (v.wilcoxon_p ?? 1) >= 0.05 ? ` (${n} ${unit}: too few for p < 0.05)` : '');
  const noCi = `${v.no_ci ? `, ${v.no_ci} without a CI (under 3 reps)` : ''} (BH q < 0.05)`;
  const ci = v.ci_low === null || v.ci_high === null ? null : [v.ci_low, v.ci_high] as const;
  const geo = `${fmtRatio(v.geomean)}×${ci ? ` [${fmtRatio(ci[0])}–${fmtRatio(ci[1])}]` : ' [no CI]'}`;
  if (!ci) {
    return `cannot be decided for ${v.subject} against ${v.baseline}: ${geo} (${n} ${unit}${n === 1 ? ' with under 3 reps a side' : ''}: no interval)`;
  }
  if (ci[0] <= 1 && ci[1] >= 1) {
    return `no significant difference between ${v.subject} and ${v.baseline}: ${geo} (geomean, 95% CI); `
      + `${less} on ${v.below}, ${more} on ${v.above} of ${n} ${unit}${noCi}, ${wil}`;
  }
  if (ci[1] < 1) {
    const f = `${fmtRatio(1 / v.geomean)}× [${fmtRatio(1 / ci[1])}–${fmtRatio(1 / ci[0])}]`;
    return `${v.subject} is ${f} ${less} than ${v.baseline} (geomean, 95% CI); ${less} on ${v.below} of ${n} ${unit}`
      + `${v.above ? ` (${more} on ${v.above})` : ''}${noCi}, ${wil}`;
  }
  return `${v.subject} is ${geo} ${more} than ${v.baseline} (geomean, 95% CI); ${more} on ${v.above} of ${n} ${unit}`
    + `${v.below ? ` (${less} on ${v.below})` : ''}${noCi}, ${wil}`;
}
