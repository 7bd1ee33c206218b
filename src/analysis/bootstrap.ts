/**
 * Seeded resampling primitives: the generator, the geomean as a log-average and a quantile of
 * sorted values. The geomean is the mean for ratios (Fleming & Wallace, "How not to lie with
 * statistics: the correct way to summarize benchmark results", CACM 29(3), 1986), computed as
 * exp(mean(ln x)) so 1000 ratios neither overflow nor underflow. The intervals built on them are
 * in interval.ts (over benchmarks) and paired.ts (a paired comparison's decision).
 */
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

export interface BootstrapOptions {
  /** Bootstrap resamples where an interval needs them (10 benchmarks or more); default 10,000. */
  resamples?: number;
  /** Seed of the generator; default 1. */
  seed?: number;
  /** Confidence level; default 0.95. */
  level?: number;
}
