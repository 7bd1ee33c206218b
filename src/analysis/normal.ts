/**
 * The distributions the statistics need, written out so their accuracy is known.
 *
 * - Standard normal CDF through erfc, with the Chebyshev-fitted erfc of Press et al.,
 *   "Numerical Recipes in C", 2nd ed., §6.2 (`erfcc`): fractional (relative) error below
 *   1.2e-7 everywhere, so tail probabilities keep their digits (Φ(−4.5) = 3.398e-6; a normal
 *   table that stops at 0.001 cannot say p < 0.001 honestly).
 * - Its inverse by bisection refined with Newton steps on that CDF.
 * - Binomial CDF by summing terms in log space (no underflow for n in the thousands).
 */

/** erfc(x), relative error < 1.2e-7 (Numerical Recipes' erfcc). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(Z > z), accurate for large z (no 1 − Φ cancellation). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** The z with P(Z ≤ z) = p, 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  let lo = -40, hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid; else hi = mid;
  }
  let z = (lo + hi) / 2;
  for (let i = 0; i < 3; i++) {
    const pdf = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    if (pdf < 1e-300) break;
    z -= (normalCdf(z) - p) / pdf;
  }
  return z;
}

/** ln C(n, k) by summing logs (exact enough for the n of repetitions and benchmarks). */
function logChoose(n: number, k: number): number {
  k = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const lp = Math.log(p), lq = Math.log1p(-p);
  let lt = n * lq; // ln P(X = 0)
  let max = lt;
  const terms = [lt];
  for (let i = 0; i < k; i++) {
    lt += Math.log(n - i) - Math.log(i + 1) + lp - lq;
    terms.push(lt);
    if (lt > max) max = lt;
  }
  let s = 0;
  for (const t of terms) s += Math.exp(t - max);
  return Math.min(1, Math.exp(max) * s);
}

export { logChoose };
