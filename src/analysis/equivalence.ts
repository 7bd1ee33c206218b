/**
 * Equivalence and direction decisions on a log-ratio interval (interval.ts).
 *
 * Equivalence is TOST, the two one-sided tests (Schuirmann, "A comparison of the two one-sided
 * tests procedure and the power approach for assessing the equivalence of average
 * bioavailability", J. Pharmacokinet. Biopharm. 15(6), 1987): with a margin m the equivalence
 * zone is the ratios [1/(1+m), 1+m] (symmetric on the log scale: ±10% is 0.909…1.10), and
 * "equivalent" at α = 5% means the 90% interval (1 − 2α) lies inside it. "Different" means the
 * 95% interval lies wholly outside the zone (the difference exceeds the margin); anything else
 * is "inconclusive". The direction ("lower"/"higher", for times "faster"/"slower") is the 95%
 * interval excluding 1; "no detectable change" otherwise — which is not a claim of no change:
 * that is what the equivalence answer is for.
 */
import type { LogInterval } from './interval.js';

export const DEFAULT_MARGIN = 0.1;

export type Equivalence = 'equivalent' | 'different' | 'inconclusive';
export type Direction = 'lower' | 'higher' | 'no detectable change';

/** "±10%" for 0.1; "×/÷2" for 1 (a factor of two either way). */
export function marginText(m: number): string {
  return m >= 1 ? `×/÷${+(1 + m).toFixed(2)}` : `±${+(100 * m).toFixed(1)}%`;
}

/** TOST on the interval: equivalent, different (beyond the margin) or inconclusive. */
export function equivalence(iv: LogInterval, margin = DEFAULT_MARGIN): Equivalence {
  const z = Math.log1p(margin);
  if (iv.low_tost > -z && iv.high_tost < z) return 'equivalent';
  if (iv.low > z || iv.high < -z) return 'different';
  return 'inconclusive';
}

/** Below 1, above 1, or neither, by the interval at its level. */
export function direction(iv: LogInterval): Direction {
  return iv.high < 0 ? 'lower' : iv.low > 0 ? 'higher' : 'no detectable change';
}

/** The words of a direction for a metric: times are faster/slower, other metrics lower/higher. */
export function directionWord(d: Direction, metric: string): string {
  if (d === 'no detectable change' || !/_s$/.test(metric)) return d;
  return d === 'lower' ? 'faster' : 'slower';
}

/** A parse of "10%", "0.1", "10" (a percentage when above 1) into a fraction; a UsageError-worthy message otherwise. */
export function parseMargin(s: string): number | string {
  const m = /^\s*±?(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(s);
  if (!m) return `a margin is a percentage such as 10% (got "${s}")`;
  const v = Number(m[1]);
  const f = m[2] || v > 1 ? v / 100 : v;
  if (!(f > 0)) return `a margin must be above 0 (got "${s}")`;
  return f;
}
