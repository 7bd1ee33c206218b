/**
 * Significance and effect size.
 *
 * - Mann–Whitney U (Wilcoxon rank-sum) for two independent samples, e.g. the reps of two
 *   targets on one benchmark: U = R₁ − n₁(n₁+1)/2 with average ranks for ties. Without ties
 *   and with n₁·n₂ ≤ 400 the p-value is exact: the null distribution of U is given by the
 *   coefficients of the Gaussian binomial coefficient [n₁+n₂ choose n₁]_q (Mann & Whitney, Ann.
 *   Math. Statist. 18, 1947; Andrews, "The Theory of Partitions", Thm. 3.1 for the q-binomial
 *   count). Otherwise the normal approximation with the tie-corrected variance
 *   n₁n₂/12·[(N+1) − Σ(t³−t)/(N(N−1))] and a continuity correction of ½ (Hollander, Wolfe &
 *   Chicken, "Nonparametric Statistical Methods", 3rd ed., §4.1). Two-sided.
 * - Hodges–Lehmann shift: the median of all n₁·n₂ differences xᵢ − yⱼ (Hodges & Lehmann, Ann.
 *   Math. Statist. 34, 1963). On log times it is the log of a ratio.
 * - Paired Wilcoxon signed-rank, e.g. per-benchmark log ratios across benchmarks: `@stdlib/stats-wilcoxon`
 *   (exact for n ≤ 50 without ties or zeros, else normal with tie correction; zero differences
 *   dropped, Wilcoxon's method), checked against scipy's p-values (test/analysis.test.ts).
 */
import wilcoxon from '@stdlib/stats-wilcoxon';
import { median } from './aggregate.js';
import { normalSf } from './normal.js';

export interface TestResult {
  statistic: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Average ranks (1-based) of `xs`, and the sizes of tied groups. */
export function ranks(xs: readonly number[]): { ranks: number[]; ties: number[] } {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const r = new Array<number>(xs.length);
  const ties: number[] = [];
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks: r, ties };
}

/** Null distribution of U for sizes m, n without ties: counts of U = 0..m·n (q-binomial coefficients). */
export function mannWhitneyCounts(m: number, n: number): Float64Array {
  const N = m + n;
  const c = new Float64Array(m * n + 1);
  c[0] = 1;
  let deg = 0;
  for (let i = 1; i <= m; i++) {
    const a = N - m + i; // multiply by (1 − q^a)
    for (let k = deg + a; k >= a; k--) c[k] = c[k]! - c[k - a]!;
    deg += a;
    for (let k = i; k <= deg; k++) c[k] = c[k]! + c[k - i]!; // divide by (1 − q^i)
    deg -= i;
  }
  return c;
}

/** Two-sided Mann–Whitney U test of x against y. `statistic` is U of x. */
export function mannWhitney(x: readonly number[], y: readonly number[]): TestResult | null {
  const m = x.length, n = y.length;
  if (m === 0 || n === 0) return null;
  const { ranks: r, ties } = ranks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += r[i]!;
  const u = r1 - (m * (m + 1)) / 2;
  if (ties.length === 0 && m * n <= 400) {
    const c = mannWhitneyCounts(m, n);
    let total = 0, le = 0, ge = 0;
    for (let k = 0; k < c.length; k++) {
      total += c[k]!;
      if (k <= u) le += c[k]!;
      if (k >= u) ge += c[k]!;
    }
    return { statistic: u, p: Math.min(1, (2 * Math.min(le, ge)) / total), method: 'exact' };
  }
  const N = m + n;
  const tieSum = ties.reduce((a, t) => a + t ** 3 - t, 0);
  const variance = ((m * n) / 12) * (N + 1 - tieSum / (N * (N - 1)));
  const mu = (m * n) / 2;
  if (variance <= 0) return { statistic: u, p: 1, method: 'normal' }; // every value tied
  const d = u - mu;
  const z = Math.max(0, Math.abs(d) - 0.5) / Math.sqrt(variance);
  return { statistic: u, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}

/**
 * Hodges–Lehmann estimate of the shift of x over y: the median of all xᵢ − yⱼ (median()'s
 * convention: the mean of the two middle ones for an even count). Small inputs list the
 * differences; large sorted ones select the middle differences without listing them.
 */
export function hodgesLehmann(x: readonly number[], y: readonly number[]): number | null {
  const m = x.length, n = y.length;
  if (m === 0 || n === 0) return null;
  const sorted = (a: readonly number[]) => { for (let i = 1; i < a.length; i++) if (a[i - 1]! > a[i]!) return false; return true; };
  if (m * n > 1024 && sorted(x) && sorted(y)) {
    const N = m * n;
    return N % 2 ? kthDifference(x, y, (N - 1) / 2) : (kthDifference(x, y, N / 2 - 1) + kthDifference(x, y, N / 2)) / 2;
  }
  const d = new Float64Array(m * n);
  let k = 0;
  for (const a of x) for (const b of y) d[k++] = a - b;
  return median(d);
}

/**
 * The k-th smallest (0-based) of the m·n differences xᵢ − yⱼ of two ascending arrays: bisection
 * on the value with a two-pointer count of differences ≤ t (O(m + n) each) until about m + n
 * differences remain between the bounds, then those are listed and sorted. Exact: every test
 * compares the same computed differences.
 */
export function kthDifference(x: readonly number[], y: readonly number[], k: number): number {
  const m = x.length, n = y.length;
  const count = (t: number) => {
    let c = 0, j = 0;
    for (let i = 0; i < m; i++) {
      while (j < n && x[i]! - y[j]! > t) j++;
      c += n - j;
    }
    return c;
  };
  let lo = x[0]! - y[n - 1]!, hi = x[m - 1]! - y[0]!;
  let cLo = count(lo);
  if (cLo >= k + 1) return lo;
  let cHi = m * n;
  for (let it = 0; it < 200 && cHi - cLo > m + n; it++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const c = count(mid);
    if (c >= k + 1) { hi = mid; cHi = c; } else { lo = mid; cLo = c; }
  }
  const cand: number[] = [];
  for (let i = 0, j = 0; i < m; i++) {
    while (j < n && x[i]! - y[j]! > hi) j++;
    for (let jj = j; jj < n; jj++) {
      const d = x[i]! - y[jj]!;
      if (d <= lo) break;
      cand.push(d);
    }
  }
  cand.sort((a, b) => a - b);
  return cand[k - cLo]!;
}

/**
 * Paired two-sided Wilcoxon signed-rank test of differences `d` (e.g. log ratios) against 0.
 * Null when there is no difference to test; p = 1 when every difference is zero.
 */
export function wilcoxonSignedRank(d: readonly number[]): TestResult & { n: number } | null {
  if (d.length === 0) return null;
  if (d.every((x) => x === 0)) return { statistic: 0, p: 1, method: 'exact', n: d.length };
  const nz = d.filter((x) => x !== 0);
  // One non-zero difference: T+ is 0 or 1 with probability ½ each, so the two-sided p is 1.
  if (nz.length === 1) return { statistic: nz[0]! > 0 ? 1 : 0, p: 1, method: 'exact', n: d.length };
  const r = wilcoxon([...d]);
  const hasTies = ranks(d.filter((x) => x !== 0).map(Math.abs)).ties.length > 0;
  const exact = d.length <= 50 && !d.includes(0) && !hasTies;
  return { statistic: r.statistic, p: Math.min(1, r.pValue), method: exact ? 'exact' : 'normal', n: d.length };
}
