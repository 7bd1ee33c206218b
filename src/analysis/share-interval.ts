/**
 * The interval of a ratio of two means over the same benchmarks, R = mean(a) / mean(b), where
 * a_i and b_i are measured on benchmark i (e.g. a runtime's log speed-up from SIMD and native's
 * log speed-up from vectors, simd-share.ts). Paired: a resample draws benchmarks, and a drawn
 * benchmark brings its a and its b together, so their correlation stays in the interval.
 *
 * Its standard error is the delta method's (linearization; Davison & Hinkley, "Bootstrap Methods
 * and their Application", 1997, §2.7.2, the ratio example): z_i = (a_i − R·b_i) / mean(b),
 * se² = Σ_h w_h²·s_h²(z)/n_h over suite groups h (w_h = n_h/n; stratified as in interval.ts).
 * - Below 10 benchmarks: R ± t(n−1)·se (no resampling; interval.ts's reason: a bootstrap
 *   under-covers there).
 * - From 10: the studentized bootstrap (bootstrap-t), resampling benchmarks jointly for a and b
 *   within each group, t* = (R* − R)/se*, interval R − t*(1−α/2)·se … R − t*(α/2)·se. It follows
 *   the skew a ratio has when its denominator is uncertain. A resample whose mean(b) is 0 gives
 *   an infinite t* (counted in the tails, never dropped).
 * The ratio is only meaningful when mean(b) is clearly away from 0: that is the caller's test
 * (simd-share.ts asks b's own interval to exclude 0 before it reports R at all).
 * The generator is mulberry32 (bootstrap.ts), seeded.
 */
import { mulberry32, quantileSorted } from './bootstrap.js';
import { BOOTSTRAP_MIN_N, strataOf, type IntervalOptions } from './interval.js';
import { studentTQuantile } from './normal.js';

export interface RatioInterval {
  estimate: number;
  se: number;
  low: number;
  high: number;
  n: number;
  level: number;
  method: 'delta t' | 'bootstrap-t' | 'stratified bootstrap-t';
  strata: number;
  resamples: number;
  seed: number;
}

/** Weighted means of a and b, R, and the delta-method se, over these strata of indices. */
function ratioStats(a: ArrayLike<number>, b: ArrayLike<number>, strata: readonly (readonly number[])[], n: number) {
  let A = 0, B = 0;
  for (const s of strata) {
    let sa = 0, sb = 0;
    for (const i of s) { sa += a[i]!; sb += b[i]!; }
    A += sa / n;
    B += sb / n; // w_h·mean_h = (n_h/n)·(Σ/n_h)
  }
  const R = A / B;
  let v = 0;
  for (const s of strata) {
    const nh = s.length;
    let m = 0;
    for (const i of s) m += (a[i]! - R * b[i]!) / B;
    m /= nh;
    let ss = 0;
    for (const i of s) ss += ((a[i]! - R * b[i]!) / B - m) ** 2;
    v += ((nh / n) ** 2 * (ss / (nh - 1))) / nh;
  }
  return { R, se: Math.sqrt(v), B };
}

/** The interval of mean(a)/mean(b) (paired values, one per benchmark); null under 2 benchmarks. */
export function ratioOfMeansInterval(a: readonly number[], b: readonly number[], o: IntervalOptions = {}): RatioInterval | null {
  if (a.length !== b.length) throw new RangeError(`ratioOfMeansInterval: ${a.length} numerators, ${b.length} denominators`);
  const n = a.length;
  const level = o.level ?? 0.95;
  if (n < 2) return null;
  const al = 1 - level;
  if (n < BOOTSTRAP_MIN_N) {
    const { R, se } = ratioStats(a, b, [Array.from({ length: n }, (_, i) => i)], n);
    const q = studentTQuantile(1 - al / 2, n - 1);
    return { estimate: R, se, low: R - q * se, high: R + q * se, n, level, method: 'delta t', strata: 1, resamples: 0, seed: 0 };
  }
  const strata = strataOf(n, o.groups);
  const { R, se } = ratioStats(a, b, strata, n);
  const B = Math.max(100, o.resamples ?? 10_000);
  const seed = o.seed ?? 1;
  const rnd = mulberry32(seed);
  const ra = new Float64Array(n), rb = new Float64Array(n);
  const layout = strata.map((s, h) => { const off = strata.slice(0, h).reduce((x, y) => x + y.length, 0); return s.map((_, j) => off + j); });
  const t = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    strata.forEach((s, h) => {
      const slots = layout[h]!;
      for (const k of slots) { const i = s[Math.floor(rnd() * s.length)]!; ra[k] = a[i]!; rb[k] = b[i]!; }
    });
    const st = ratioStats(ra, rb, layout, n);
    const dev = st.R - R;
    t[r] = st.B === 0 || !Number.isFinite(dev) ? (dev < 0 ? -Infinity : Infinity)
      : st.se > 0 ? dev / st.se : dev === 0 ? 0 : dev > 0 ? Infinity : -Infinity;
  }
  t.sort();
  // 0·∞ in the interpolation would be NaN: an infinite order statistic is taken as it is.
  const q = (p: number) => { const v = quantileSorted(t, p); return Number.isNaN(v) ? t[Math.floor((B - 1) * p)]! : v; };
  return {
    estimate: R, se, low: R - q(1 - al / 2) * se, high: R - q(al / 2) * se, n, level,
    method: strata.length > 1 ? 'stratified bootstrap-t' : 'bootstrap-t', strata: strata.length, resamples: B, seed,
  };
}
