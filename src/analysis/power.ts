/**
 * Planning a paired benchmark experiment for a stated power, after Kalibera & Jones, "Rigorous
 * benchmarking in reasonable time" (ISMM 2013): estimate the variance at each level of the
 * experiment from a pilot (or stored runs), then choose how many repetitions to make at each
 * level so the experiment answers its question at the least cost.
 *
 * The levels here are two. A repetition is one process run (every rep is a fresh process, so
 * their spread already holds the between-invocation variance Kalibera & Jones separate from
 * iterations; builds are deterministic and cached, so there is no compilation level). Above
 * them the benchmark: the per-benchmark log ratio d_b = ln median(subject) − ln median(baseline)
 * varies over benchmarks with variance σ²_B even without rep noise. So, with n reps per cell,
 *   Var(d_b) = σ²_B + v(n)·Σ_j σ²_j
 * where σ²_j is the rep-to-rep variance of ln time of cell j (subject and baseline; four cells
 * for a ratio of two gains) and v(n) the variance of the median of n standard normals
 * (medianVarianceFactor). The decision (paired.ts) is made on the mean of d_b over k benchmarks
 * with Student's t below 10 benchmarks (a studentized bootstrap from 10, planned as t: for the
 * near-normal d_b a plan expects, the two agree), so the power is that of a t test on k values:
 * - a direction claim (one-sided, claim.ts) is supported when the (1 − 2α) interval excludes 1
 *   on the claimed side: power = P(T > t_{1−α, k−1}), T noncentral t with ν = k − 1 and ncp
 *   δ√k/τ, τ² = Var(d_b);
 * - an equivalence claim (TOST, equivalence.ts) when the (1 − 2α) interval lies within ±ln(1+m):
 *   power = P(d̄ − t_{1−α,ν}·ŝe > −z and d̄ + t_{1−α,ν}·ŝe < z).
 * Both are integrals over the sample sd's scaled-χ distribution (trapezoid rule on a fine grid).
 * From 10 benchmarks the decision's critical value is the studentized bootstrap's, whose
 * quantiles from so few values lie beyond t's (t's plan overstated power by ~4 points at 10
 * benchmarks in simulation): there the plan uses the mean critical value of the decision's own
 * interval code over seeded normal samples of that size (criticalValue).
 * The plan is the cheapest (k, n) with power ≥ the target, k and n within bounds; reps only
 * shrink the noise term, benchmarks both terms, which is Kalibera & Jones' trade-off.
 */
import { logGamma, normalCdf, studentTQuantile } from './normal.js';
import { mulberry32 } from './bootstrap.js';
import { BOOTSTRAP_MIN_N, logRatioInterval } from './interval.js';

/** Variance components on the ln-time scale. */
export interface VarianceComponents {
  /** Rep-to-rep variance of ln time, one per cell entering d_b (2: subject, baseline; 4 for a ratio of gains). */
  within: number[];
  /** Variance over benchmarks of the true per-benchmark log ratio. */
  between: number;
  /** Where the numbers come from: "stored rows", "pilot", or "default assumptions". */
  source: string;
}

/** What the decision tests: a direction at an assumed true effect, or equivalence within a margin. */
export type PowerTest =
  | { kind: 'direction'; /** |ln ratio| assumed true, e.g. ln 1.1 for 10% */ effect: number }
  | { kind: 'equivalence'; /** fraction, 0.1 for ±10% */ margin: number; /** assumed true ln ratio (0) */ effect?: number };

/**
 * Stated when nothing was measured: a rep-to-rep sd of ln time of 5% per cell (kernel times on a
 * shared 2-core VM, FACTS.md) and a between-benchmark sd of the log ratio of 0.25 (runtimes'
 * slowdowns over one suite spread by about ×1.3 either way).
 */
export const DEFAULT_WITHIN_SD = 0.05;
export const DEFAULT_BETWEEN_SD = 0.25;

export function defaultComponents(cells: number): VarianceComponents {
  return { within: Array.from({ length: cells }, () => DEFAULT_WITHIN_SD ** 2), between: DEFAULT_BETWEEN_SD ** 2, source: 'default assumptions' };
}

const GRID = 601;
const LO = -8, HI = 8, H = (HI - LO) / (GRID - 1);
const X = Float64Array.from({ length: GRID }, (_, i) => LO + i * H);
const PHI = X.map((x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI));
const CDF = X.map((x) => normalCdf(x));
const factorCache = new Map<number, number>();

/**
 * Var(median of n iid N(0,1)): from the order statistics' densities (David & Nagaraja, "Order
 * Statistics", §2.1–2.2), integrated numerically; the middle one for odd n, the mean of the two
 * middle ones (their joint density) for even n. 1 at n = 1, ½ at n = 2, → π/(2n).
 */
export function medianVarianceFactor(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`medianVarianceFactor: n = ${n}`);
  const hit = factorCache.get(n);
  if (hit !== undefined) return hit;
  let v = 0;
  if (n % 2) {
    const m = (n - 1) / 2;
    const c = Math.exp(logGamma(n + 1) - 2 * logGamma(m + 1));
    for (let i = 0; i < GRID; i++) v += X[i]! ** 2 * c * (CDF[i]! * (1 - CDF[i]!)) ** m * PHI[i]! * H;
  } else {
    const m = n / 2; // median = (X(m) + X(m+1)) / 2
    const c = Math.exp(logGamma(n + 1) - 2 * logGamma(m));
    for (let i = 0; i < GRID; i++) {
      const a = c * CDF[i]! ** (m - 1) * PHI[i]! * H * H;
      for (let j = i; j < GRID; j++) {
        const w = j === i ? 0.5 : 1; // the diagonal is half inside x < y
        v += w * a * ((X[i]! + X[j]!) / 2) ** 2 * (1 - CDF[j]!) ** (m - 1) * PHI[j]!;
      }
    }
  }
  factorCache.set(n, v);
  return v;
}

/** Var(d_b) with n reps per cell. */
export function benchmarkVariance(c: VarianceComponents, n: number): number {
  return c.between + medianVarianceFactor(n) * c.within.reduce((a, b) => a + b, 0);
}

/** E[g(u)] for u = s/σ, the sample sd over σ with ν degrees of freedom (u² ~ χ²_ν/ν). */
function overSd(nu: number, g: (u: number) => number): number {
  const top = Math.sqrt((nu + 12 * Math.sqrt(2 * nu) + 40) / nu);
  const steps = 1500, h = top / steps;
  const lc = Math.log(2 * nu) - (nu / 2) * Math.log(2) - logGamma(nu / 2);
  let sum = 0, mass = 0;
  for (let i = 1; i <= steps; i++) {
    const u = i * h, v = nu * u * u;
    // density of u: f_χ²(νu²)·2νu; written in logs (ν/2 − 1)·ln v − v/2 + ln u + const.
    const d = Math.exp(lc + (nu / 2 - 1) * Math.log(v) - v / 2 + Math.log(u)) * (i === steps ? 0.5 : 1);
    sum += d * g(u);
    mass += d;
  }
  return sum / mass; // normalised: the grid's own mass, so truncation and step error cancel
}

const critCache = new Map<string, number>();

/**
 * The decision's critical value for k benchmarks at tail probability `tail` (α: each claim is
 * one-sided tests at α): Student's t below 10 benchmarks; from 10, the mean over 200 seeded normal samples
 * of the bootstrap-t quantile that logRatioInterval (the decision's code) uses, 2,000 resamples.
 */
export function criticalValue(k: number, tail: number): number {
  if (k < BOOTSTRAP_MIN_N) return studentTQuantile(1 - tail, k - 1);
  const key = `${k} ${tail}`;
  const hit = critCache.get(key);
  if (hit !== undefined) return hit;
  const rnd = mulberry32(k * 7919 + 1);
  const z = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  let sum = 0;
  const N = 200;
  for (let i = 0; i < N; i++) {
    const d = Array.from({ length: k }, z);
    const iv = logRatioInterval(d, { level: 1 - 2 * tail, resamples: 2000, seed: i + 1 })!;
    sum += ((iv.estimate - iv.low) + (iv.high - iv.estimate)) / (2 * iv.se);
  }
  critCache.set(key, sum / N);
  return sum / N;
}

/** Power of the paired decision on k benchmarks with n reps per cell, at level 1 − α. */
export function power(test: PowerTest, k: number, n: number, c: VarianceComponents, alpha: number): number {
  if (k < 2) return 0;
  const nu = k - 1;
  const tau = Math.sqrt(benchmarkVariance(c, n));
  const se = tau / Math.sqrt(k);
  if (test.kind === 'direction') {
    if (se === 0) return test.effect > 0 ? 1 : 0;
    const tc = criticalValue(k, alpha);
    return overSd(nu, (u) => normalCdf(test.effect / se - tc * u));
  }
  const z = Math.log1p(test.margin), d = test.effect ?? 0;
  if (se === 0) return Math.abs(d) < z ? 1 : 0;
  const tq = criticalValue(k, alpha);
  return overSd(nu, (u) => Math.max(0, normalCdf((z - tq * u * se - d) / se) - normalCdf((-z + tq * u * se - d) / se)));
}

export interface SizePlan {
  benchmarks: number;
  reps: number;
  /** The power this plan has under the components. */
  power: number;
  /** Whether the target power is reached within the bounds. */
  reached: boolean;
  /** Benchmarks needed at the fewest reps when the bounds cannot reach it (beyond maxBenchmarks), or null. */
  benchmarksNeeded: number | null;
}

export interface SizeBounds {
  minBenchmarks: number;
  maxBenchmarks: number;
  minReps?: number;
  maxReps?: number;
  /** Relative cost of a plan (seconds); default k·n. */
  cost?: (benchmarks: number, reps: number) => number;
}

export const MIN_REPS = 3;
export const MAX_REPS = 30;

/** The cheapest (k, n) within the bounds reaching `target` power; else the most powerful there, and how many benchmarks would do. */
export function planSize(test: PowerTest, c: VarianceComponents, alpha: number, target: number, b: SizeBounds): SizePlan {
  const nMin = b.minReps ?? MIN_REPS, nMax = Math.max(nMin, b.maxReps ?? MAX_REPS);
  const kMin = Math.max(2, Math.min(b.minBenchmarks, b.maxBenchmarks)), kMax = Math.max(kMin, b.maxBenchmarks);
  const cost = b.cost ?? ((k: number, n: number) => k * n);
  let best: SizePlan | null = null, bestCost = Infinity;
  for (let k = kMin; k <= kMax; k++) {
    // The fewest reps reaching the target at this k: power grows with n, so bisect.
    if (power(test, k, nMax, c, alpha) < target) continue;
    let lo = nMin - 1, hi = nMax; // power(lo) < target ≤ power(hi)
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (power(test, k, mid, c, alpha) >= target) hi = mid; else lo = mid;
    }
    const cc = cost(k, hi);
    if (cc < bestCost) { bestCost = cc; best = { benchmarks: k, reps: hi, power: power(test, k, hi, c, alpha), reached: true, benchmarksNeeded: null }; }
  }
  if (best) return best;
  // Not reachable here: the most power the pool gives (its reps where more stop helping), and the benchmarks it would take.
  let n = nMin, p = power(test, kMax, nMin, c, alpha);
  const pMax = power(test, kMax, nMax, c, alpha);
  while (n < nMax && p < pMax - 0.01) p = power(test, kMax, ++n, c, alpha);
  let need: number | null = null;
  for (let k = kMax + 1; k <= 2000; k = Math.ceil(k * 1.05)) {
    if (power(test, k, nMin, c, alpha) >= target) { need = k; break; }
  }
  return { benchmarks: kMax, reps: n, power: p, reached: false, benchmarksNeeded: need };
}

const lnVar = (xs: readonly number[]): { ss: number; df: number } => {
  const l = xs.map(Math.log);
  const m = l.reduce((a, b) => a + b, 0) / l.length;
  return { ss: l.reduce((a, b) => a + (b - m) ** 2, 0), df: l.length - 1 };
};

/**
 * The components from measured cells: `cells[b][j]` are the values of cell j (subject, baseline,
 * …) on benchmark b, `d[b]` the benchmark's log ratio. Within: pooled over benchmarks per cell
 * (degrees of freedom weighted). Between: the method of moments, Var(d_b) minus the mean rep
 * noise it holds, at least 0. Null when there is too little: under 3 benchmarks, or a cell with
 * no benchmark of 2 reps.
 */
export function estimateComponents(cells: readonly (readonly (readonly number[])[])[], d: readonly number[], source: string): VarianceComponents | null {
  const k = cells.length;
  if (k < 3 || d.length !== k) return null;
  const J = cells[0]!.length;
  const within: number[] = [];
  for (let j = 0; j < J; j++) {
    let ss = 0, df = 0;
    for (const b of cells) if (b[j]!.length >= 2) { const v = lnVar(b[j]!); ss += v.ss; df += v.df; }
    if (df === 0) return null;
    within.push(ss / df);
  }
  const md = d.reduce((a, b) => a + b, 0) / k;
  const vd = d.reduce((a, b) => a + (b - md) ** 2, 0) / (k - 1);
  const noise = cells.reduce((a, b) => a + b.reduce((s, vals, j) => s + medianVarianceFactor(Math.max(1, vals.length)) * within[j]!, 0), 0) / k;
  return { within, between: Math.max(0, vd - noise), source };
}
