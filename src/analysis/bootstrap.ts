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
import type { GeomeanInterval } from './interval.js';

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

/**
 * The law of the index of the k-th smallest of n draws (with replacement) from n sorted values,
 * as its CDF over 0-based j plus a guide table (Chen & Asau, "On generating random variates
 * from an empirical distribution", AIIE Trans. 6, 1974): guide[g] is the first j whose CDF
 * exceeds g/G, so an inversion starts there and steps only a little — exact, O(1) expected.
 */
interface IndexLaw { cdf: Float64Array; guide: Int32Array }
const laws = new Map<string, IndexLaw>();
function indexLaw(n: number, k: number): IndexLaw {
  const key = `${n}:${k}`;
  let t = laws.get(key);
  if (!t) {
    const cdf = new Float64Array(n);
    for (let j = 1; j <= n; j++) cdf[j - 1] = j === n ? 1 : 1 - binomialCdf(k - 1, n, j / n);
    const G = Math.max(16, 4 * n);
    const guide = new Int32Array(G);
    let j = 0;
    for (let g = 0; g < G; g++) {
      while (j < n - 1 && cdf[j]! <= g / G) j++;
      guide[g] = j;
    }
    t = { cdf, guide };
    laws.set(key, t);
  }
  return t;
}

function draw(law: IndexLaw, u: number): number {
  let j = law.guide[Math.floor(u * law.guide.length)]!;
  while (law.cdf[j]! <= u) j++;
  return j;
}

/** A function drawing the median of a with-replacement resample of sorted values from one uniform. */
export function medianSampler(sorted: readonly number[]): (u: number) => number {
  const n = sorted.length;
  if (n === 1) return () => sorted[0]!;
  if (n % 2) {
    const c = indexLaw(n, (n + 1) / 2);
    return (u) => sorted[draw(c, u)]!;
  }
  const lo = indexLaw(n, n / 2), hi = indexLaw(n, n / 2 + 1);
  return (u) => (sorted[draw(lo, u)]! + sorted[draw(hi, u)]!) / 2;
}

/**
 * The law of ln(median of a resample) as one step function of the uniform number: breakpoints
 * (a CDF), the log median on each step, and a guide table. For even n the two middle order
 * statistics are functions of the same uniform (the coupling above), so their mean is too: the
 * steps are the union of both laws' steps.
 */
interface LogMedianLaw { cdf: Float64Array; val: Float64Array; guide: Int32Array }
function logMedianLaw(sorted: readonly number[]): LogMedianLaw {
  const n = sorted.length;
  const cdf: number[] = [], val: number[] = [];
  if (n === 1) { cdf.push(1); val.push(Math.log(sorted[0]!)); }
  else if (n % 2) {
    const c = indexLaw(n, (n + 1) / 2).cdf;
    for (let j = 0; j < n; j++) { cdf.push(c[j]!); val.push(Math.log(sorted[j]!)); }
  } else {
    const lo = indexLaw(n, n / 2).cdf, hi = indexLaw(n, n / 2 + 1).cdf;
    let i = 0, j = 0;
    while (i < n && j < n) {
      const end = Math.min(lo[i]!, hi[j]!);
      cdf.push(end);
      val.push(Math.log((sorted[i]! + sorted[j]!) / 2));
      if (lo[i]! === end) i++;
      if (hi[j]! === end) j++;
      if (end >= 1) break;
    }
  }
  cdf[cdf.length - 1] = 1;
  const G = Math.max(16, 4 * cdf.length);
  const guide = new Int32Array(G);
  for (let g = 0, k = 0; g < G; g++) {
    while (k < cdf.length - 1 && cdf[k]! <= g / G) k++;
    guide[g] = k;
  }
  return { cdf: Float64Array.from(cdf), val: Float64Array.from(val), guide };
}

export interface BootstrapOptions {
  /** Resamples; default 2000. */
  resamples?: number;
  /** Seed of the generator; default 1. */
  seed?: number;
  /** Confidence level; default 0.95. */
  level?: number;
}

export interface GeomeanCi extends GeomeanInterval {
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
  const point = geomean(pairs.map((p) => median(p.subject.values, true)! / median(p.base.values, true)!));
  if (B <= 0) return { geomean: point, ci_low: null, ci_high: null, benchmarks: C, resamples: 0, seed };
  // Every law in flat arrays (no object loads in the loop); a law shared by several pairs (the
  // baseline's group) is built once. Guide entries hold absolute indices into cdf/val.
  const lawIndex = new Map<readonly number[], number>();
  const laws: LogMedianLaw[] = [];
  const lawOf = (v: readonly number[]) => {
    let k = lawIndex.get(v);
    if (k === undefined) { k = laws.length; laws.push(logMedianLaw(v)); lawIndex.set(v, k); }
    return k;
  };
  const subj = Int32Array.from(pairs, (p) => lawOf(p.subject.values));
  const base = Int32Array.from(pairs, (p) => lawOf(p.base.values));
  const gOff = new Int32Array(laws.length), gLen = new Int32Array(laws.length);
  let nc = 0, ng = 0;
  for (const [k, l] of laws.entries()) { gOff[k] = ng; gLen[k] = l.guide.length; nc += l.cdf.length; ng += l.guide.length; }
  const cdf = new Float64Array(nc + 1), val = new Float64Array(nc), guide = new Int32Array(ng);
  for (let k = 0, c = 0; k < laws.length; k++) {
    const l = laws[k]!;
    cdf.set(l.cdf, c);
    val.set(l.val, c);
    for (let g = 0; g < l.guide.length; g++) guide[gOff[k]! + g] = l.guide[g]! + c;
    c += l.cdf.length;
  }
  cdf[nc] = 2; // a sentinel past the last law
  const rnd = mulberry32(seed);
  const out = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    let s = 0;
    for (let i = 0; i < C; i++) {
      // One number picks the benchmark and, by its fractional part (uniform given the pick, with
      // 32 − log2(C) bits), the subject's resampled median; a second one the baseline's.
      const w = rnd() * C;
      const c = Math.floor(w);
      const ks = subj[c]!, kb = base[c]!;
      let u = w - c;
      let j = guide[gOff[ks]! + Math.floor(u * gLen[ks]!)]!;
      while (cdf[j]! <= u) j++;
      s += val[j]!;
      u = rnd();
      j = guide[gOff[kb]! + Math.floor(u * gLen[kb]!)]!;
      while (cdf[j]! <= u) j++;
      s -= val[j]!;
    }
    out[r] = Math.exp(s / C);
  }
  out.sort();
  return {
    geomean: point, ci_low: quantileSorted(out, (1 - level) / 2), ci_high: quantileSorted(out, 1 - (1 - level) / 2),
    benchmarks: C, resamples: B, seed,
  };
}
