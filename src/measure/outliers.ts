/**
 * Outlier flags by modified z-score: M_i = 0.6745 (x_i − median) / MAD, flagged when
 * |M_i| > 3.5 (Iglewicz & Hoaglin, "How to Detect and Handle Outliers", ASQC 1993 — the
 * method hyperfine uses). Flags only: no row is ever dropped.
 */
export const MODIFIED_Z_THRESHOLD = 3.5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Fewer values than this: no flags (with 3 or 4 runs, one slightly slow run looks extreme). */
export const MIN_VALUES_FOR_OUTLIERS = 5;

/** One flag per value; all false when there are fewer than MIN_VALUES_FOR_OUTLIERS values or MAD is 0. */
export function outlierFlags(xs: number[]): boolean[] {
  if (xs.length < MIN_VALUES_FOR_OUTLIERS) return xs.map(() => false);
  const m = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - m)));
  if (mad === 0) return xs.map(() => false);
  return xs.map((x) => Math.abs((0.6745 * (x - m)) / mad) > MODIFIED_Z_THRESHOLD);
}
