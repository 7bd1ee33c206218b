/**
 * Outlier flags by modified z-score: M_i = 0.6745 (x_i − median) / MAD, flagged when
 * |M_i| > 3.5 (Iglewicz & Hoaglin, "How to Detect and Handle Outliers", ASQC 1993 — the
 * method hyperfine uses). Flags only: no row is ever dropped.
 */
import { median as medianOrNull } from '../analysis/aggregate.js';

export const MODIFIED_Z_THRESHOLD = 3.5;

/** wasmlab's one median (src/analysis/aggregate.ts); callers here never pass an empty list. */
const median = (xs: readonly number[]): number => medianOrNull(xs)!;

/** Fewer values than this: no flags (with 3 or 4 runs, one slightly slow run looks extreme). */
export const MIN_VALUES_FOR_OUTLIERS = 5;

/**
 * One flag per value; null (not evaluated) when there are fewer than MIN_VALUES_FOR_OUTLIERS
 * values; all false when MAD is 0 (evaluated: nothing stands out).
 */
export function outlierFlags(xs: number[]): (boolean | null)[] {
  if (xs.length < MIN_VALUES_FOR_OUTLIERS) return xs.map(() => null);
  const m = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - m)));
  if (mad === 0) return xs.map(() => false);
  return xs.map((x) => Math.abs((0.6745 * (x - m)) / mad) > MODIFIED_Z_THRESHOLD);
}
