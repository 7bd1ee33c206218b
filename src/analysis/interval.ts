/**
 * The interval of a mean log ratio over benchmarks — ln of a geomean ratio — with a two-sided
 * p-value for "no difference", at the level asked and at 1 − 2α for an equivalence test (TOST).
 *
 * What it estimates: the geomean, over this suite's benchmarks, of the per-benchmark ratios of
 * medians, with the benchmarks treated as a sample of programs like them (each suite group
 * weighted by its count here when the benchmarks come in groups). Repetitions enter only through
 * each benchmark's median: the spread of the log ratios over benchmarks already holds their
 * noise, and resampling reps as well would count it twice.
 *
 * - Below 10 benchmarks: Student's t interval on the log ratios, mean ± t(n−1)·s/√n. A
 *   percentile bootstrap under-covers there (89% at 5 benchmarks, docs/statistics.md): it ignores the extra
 *   width the t quantile adds for an estimated spread.
 * - From 10 benchmarks: the studentized ("bootstrap-t") bootstrap (Efron & Tibshirani, "An
 *   Introduction to the Bootstrap", 1993, ch. 12; Davison & Hinkley 1997, §5.2): resample the
 *   benchmarks, t* = (θ* − θ̂)/se*, interval θ̂ − t*(1−α/2)·se … θ̂ − t*(α/2)·se; it corrects the
 *   t quantile for skewed or heavy-tailed log ratios and is second-order accurate like BCa.
 *   With suite groups (the part of an id before '/': polybench, mibench, …) the resampling is
 *   stratified (Davison & Hinkley §3.7): each group resampled within itself, θ = Σ w_h·mean_h
 *   with w_h = n_h/n, se² = Σ w_h²·s_h²/n_h. A group of one benchmark has no spread of its own:
 *   such groups are pooled into one, and a pool of one joins the largest group.
 * - The p-value: Student's t for the t interval; (1 + #{|t*| ≥ |t|})/(B + 1) for the bootstrap.
 * - Monte-Carlo error of a bootstrap endpoint: the order statistics one binomial sd either side
 *   of the quantile's index, √(B·q·(1−q)), half their distance (the distribution-free standard
 *   error of a sample quantile, David & Nagaraja, "Order Statistics", 3rd ed., §7.1), times se.
 *   It is 0 for the t interval (no resampling).
 * The generator is mulberry32, seeded: the same values and seed give the same interval.
 */
import { studentTQuantile, studentTSf } from './normal.js';
import { quantileSorted } from './bootstrap.js';

const DEFAULT_RESAMPLES = 10_000;
/** From this many benchmarks on, the bootstrap; below it, the t interval. */
export const BOOTSTRAP_MIN_N = 10;

export type IntervalMethod = 't' | 'bootstrap-t' | 'stratified bootstrap-t';

export interface LogInterval {
  /** Mean log ratio: ln of the geomean ratio. */
  estimate: number;
  se: number;
  n: number;
  method: IntervalMethod;
  /** Groups the resampling was stratified by (1: none). */
  strata: number;
  level: number;
  /** The interval at `level` (log units). */
  low: number;
  high: number;
  /** The interval at 1 − 2·(1 − level)/2, i.e. 90% for 95%: the two one-sided tests of TOST. */
  low_tost: number;
  high_tost: number;
  /** Two-sided p-value of "mean log ratio = 0". */
  p: number;
  resamples: number;
  seed: number;
  /** The larger Monte-Carlo standard error of the two endpoints at `level` (log units; 0 for t). */
  mc_error: number;
}

export interface IntervalOptions {
  level?: number;
  /** Bootstrap resamples; default 10,000 (only used from 10 benchmarks on). */
  resamples?: number;
  seed?: number;
  /** One label per value: its suite group, for stratified resampling. */
  groups?: readonly string[];
}

/** The suite group of a benchmark id ("polybench/gemm" → "polybench"); '' without one. */
export const groupOf = (benchmark: string): string => (benchmark.includes('/') ? benchmark.slice(0, benchmark.indexOf('/')) : '');

/** Indices of the values per stratum: groups of one pooled; a pool of one joins the largest group. */
export function strataOf(n: number, groups: readonly string[] | undefined): number[][] {
  if (!groups) return [Array.from({ length: n }, (_, i) => i)];
  const by = new Map<string, number[]>();
  groups.forEach((g, i) => by.set(g, [...(by.get(g) ?? []), i]));
  const big = [...by.values()].filter((s) => s.length > 1);
  const small = [...by.values()].filter((s) => s.length === 1).flat();
  if (small.length > 1) big.push(small);
  else if (small.length === 1) {
    if (!big.length) return [small];
    big.reduce((a, b) => (b.length > a.length ? b : a)).push(small[0]!);
  }
  return big;
}

/** The t interval (and p) of the mean of d. */
function tInterval(d: readonly number[], level: number): LogInterval {
  const n = d.length;
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const se = s / Math.sqrt(n);
  const a = 1 - level;
  const q = studentTQuantile(1 - a / 2, n - 1), qt = studentTQuantile(1 - a, n - 1);
  const p = se > 0 ? Math.min(1, 2 * studentTSf(Math.abs(mean / se), n - 1)) : mean === 0 ? 1 : 0;
  return {
    estimate: mean, se, n, method: 't', strata: 1, level, low: mean - q * se, high: mean + q * se,
    low_tost: mean - qt * se, high_tost: mean + qt * se, p, resamples: 0, seed: 0, mc_error: 0,
  };
}

/** Half the distance between the order statistics one binomial sd either side of quantile q. */
function quantileMcError(sorted: Float64Array, q: number): number {
  const B = sorted.length;
  const m = Math.sqrt(B * q * (1 - q)) / (B - 1);
  const lo = quantileSorted(sorted, Math.max(0, q - m)), hi = quantileSorted(sorted, Math.min(1, q + m));
  return (hi - lo) / 2;
}

/**
 * The interval of the mean of d (per-benchmark log ratios); null with fewer than 2 values
 * (nothing to estimate a spread from).
 */
export function logRatioInterval(d: readonly number[], o: IntervalOptions = {}): LogInterval | null {
  const n = d.length;
  const level = o.level ?? 0.95;
  if (n < 2) return null;
  if (n < BOOTSTRAP_MIN_N) return tInterval(d, level);
  const B = Math.max(100, o.resamples ?? DEFAULT_RESAMPLES);
  const seed = o.seed ?? 1;
  const strata = strataOf(n, o.groups);
  const H = strata.length;
  // Values centred per stratum, laid out stratum by stratum.
  const off = new Int32Array(H + 1), w = new Float64Array(H), w2n = new Float64Array(H);
  const c = new Float64Array(n);
  let estimate = 0, var0 = 0;
  for (let h = 0, k = 0; h < H; h++) {
    const s = strata[h]!, nh = s.length;
    const m = s.reduce((a, i) => a + d[i]!, 0) / nh;
    let ss = 0;
    for (const i of s) { c[k] = d[i]! - m; ss += c[k]! ** 2; k++; }
    off[h + 1] = k;
    w[h] = nh / n;
    w2n[h] = (w[h]! * w[h]!) / nh;
    estimate += w[h]! * m;
    var0 += w2n[h]! * (ss / (nh - 1));
  }
  const se = Math.sqrt(var0);
  const t = new Float64Array(B);
  let a = seed >>> 0; // mulberry32 (bootstrap.ts), inlined: this loop is the analysis' hottest
  for (let r = 0; r < B; r++) {
    let dev = 0, v = 0;
    for (let h = 0; h < H; h++) {
      const o0 = off[h]!, nh = off[h + 1]! - o0;
      let sum = 0, sq = 0;
      for (let j = 0; j < nh; j++) {
        a = (a + 0x6d2b79f5) >>> 0;
        let z = Math.imul(a ^ (a >>> 15), a | 1);
        z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
        const x = c[o0 + Math.floor((((z ^ (z >>> 14)) >>> 0) / 4294967296) * nh)]!;
        sum += x;
        sq += x * x;
      }
      const m = sum / nh;
      dev += w[h]! * m;
      v += w2n[h]! * Math.max(0, (sq - nh * m * m) / (nh - 1));
    }
    const sv = Math.sqrt(v);
    t[r] = sv > 0 ? dev / sv : dev === 0 ? 0 : dev > 0 ? Infinity : -Infinity;
  }
  t.sort();
  const al = 1 - level;
  const q = (p: number) => quantileSorted(t, p);
  const tObs = se > 0 ? Math.abs(estimate / se) : estimate === 0 ? 0 : Infinity;
  let extreme = 0;
  for (let r = 0; r < B; r++) if (Math.abs(t[r]!) >= tObs) extreme++;
  return {
    estimate, se, n, method: H > 1 ? 'stratified bootstrap-t' : 'bootstrap-t', strata: H, level,
    low: estimate - q(1 - al / 2) * se, high: estimate - q(al / 2) * se,
    low_tost: estimate - q(1 - al) * se, high_tost: estimate - q(al) * se,
    p: se > 0 ? (1 + extreme) / (B + 1) : estimate === 0 ? 1 : 0,
    resamples: B, seed,
    mc_error: se * Math.max(quantileMcError(t, al / 2), quantileMcError(t, 1 - al / 2)),
  };
}

/** The shape every summary over many benchmarks reports: a geomean, its confidence interval, and how many benchmarks. */
export interface GeomeanInterval {
  geomean: number;
  /** The CI's ends; null where there is none (too few benchmarks or reps). */
  ci_low: number | null;
  ci_high: number | null;
  benchmarks: number;
}
