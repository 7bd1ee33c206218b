/**
 * The geometric mean of per-benchmark ratios over benchmarks, with a bootstrap 95% CI.
 *
 * The geomean is the mean for ratios (Fleming & Wallace, "How not to lie with statistics: the
 * correct way to summarize benchmark results", CACM 29(3), 1986), computed as exp(mean(ln x)) so
 * 1000 ratios neither overflow nor underflow.
 *
 * The interval is a two-stage (hierarchical) percentile bootstrap (Davison & Hinkley, "Bootstrap
 * Methods and their Application", 1997, §3.8, "multi-stage sampling"): each resample draws the
 * benchmarks with replacement, then within every drawn benchmark the reps of the subject and of
 * the baseline with replacement, and takes the geomean of the resampled ratios of medians; the
 * CI is the 2.5% and 97.5% quantiles (linear interpolation) of 2000 such geomeans by default.
 * Drawing reps does not loop over them: the median of n values drawn with replacement is an
 * order statistic whose index has a known law, P(J_k ≤ j) = P(Binomial(n, j/n) ≥ k) for the
 * k-th smallest draw (Efron, "Bootstrap methods: another look at the jackknife", Ann. Statist.
 * 7, 1979, §3), so one uniform number gives the resampled median. For even n the two middle
 * order statistics are drawn from their exact marginal laws with the same uniform number (a
 * monotone coupling; their joint law is approximated). The generator is mulberry32, seeded, so
 * the same rows and seed give the same interval; the simulation test checks the coverage.
 */
import { median } from './aggregate.js';
import { binomialCdf } from './normal.js';
import type { Pair } from './compare.js';

/** mulberry32 (Tommy Ettinger, public domain): a small, fast, seeded 32-bit generator; floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Geometric mean of positive numbers, as exp of the mean log. */
export function geomean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += Math.log(x);
  return Math.exp(s / xs.length);
}

/** Quantile q of sorted values, linear interpolation between order statistics (Hyndman & Fan type 7). */
export function quantileSorted(s: ArrayLike<number>, q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** CDF over 0-based j of the index of the k-th smallest of n draws (with replacement) from n sorted values. */
const tables = new Map<string, Float64Array>();
function orderStatCdf(n: number, k: number): Float64Array {
  const key = `${n}:${k}`;
  let t = tables.get(key);
  if (!t) {
    t = new Float64Array(n);
    for (let j = 1; j <= n; j++) t[j - 1] = j === n ? 1 : 1 - binomialCdf(k - 1, n, j / n);
    tables.set(key, t);
  }
  return t;
}

function search(cdf: Float64Array, u: number): number {
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** A function drawing the median of a with-replacement resample of sorted values from one uniform. */
export function medianSampler(sorted: readonly number[]): (u: number) => number {
  const n = sorted.length;
  if (n === 1) return () => sorted[0]!;
  if (n % 2) {
    const c = orderStatCdf(n, (n + 1) / 2);
    return (u) => sorted[search(c, u)]!;
  }
  const lo = orderStatCdf(n, n / 2), hi = orderStatCdf(n, n / 2 + 1);
  return (u) => (sorted[search(lo, u)]! + sorted[search(hi, u)]!) / 2;
}

export interface BootstrapOptions {
  /** Resamples; default 2000. */
  resamples?: number;
  /** Seed of the generator; default 1. */
  seed?: number;
  /** Confidence level; default 0.95. */
  level?: number;
}

export interface GeomeanCi {
  geomean: number;
  ci_low: number | null;
  ci_high: number | null;
  benchmarks: number;
  resamples: number;
  seed: number;
}

/**
 * Geomean of the ratios of medians of these pairs (one subject, one pair per case) and its
 * two-stage bootstrap CI. With a single case the CI comes from the reps alone.
 */
export function geomeanCi(pairs: readonly Pair[], o: BootstrapOptions = {}): GeomeanCi {
  const B = o.resamples ?? 2000;
  const seed = o.seed ?? 1;
  const level = o.level ?? 0.95;
  const C = pairs.length;
  if (C === 0) throw new RangeError('geomeanCi: no pairs');
  const point = geomean(pairs.map((p) => median(p.subject.values)! / median(p.base.values)!));
  if (B <= 0) return { geomean: point, ci_low: null, ci_high: null, benchmarks: C, resamples: 0, seed };
  const subj = pairs.map((p) => medianSampler(p.subject.values));
  const base = pairs.map((p) => medianSampler(p.base.values));
  const rnd = mulberry32(seed);
  const out = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    let s = 0;
    for (let i = 0; i < C; i++) {
      const c = Math.floor(rnd() * C);
      s += Math.log(subj[c]!(rnd()) / base[c]!(rnd()));
    }
    out[r] = Math.exp(s / C);
  }
  out.sort();
  return {
    geomean: point, ci_low: quantileSorted(out, (1 - level) / 2), ci_high: quantileSorted(out, 1 - (1 - level) / 2),
    benchmarks: C, resamples: B, seed,
  };
}
