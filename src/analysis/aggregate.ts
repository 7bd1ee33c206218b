/** Combining repeated values (reps) into one: the aggregations tables and plots offer. */
export type Agg = 'median' | 'mean' | 'min' | 'max' | 'sum' | 'count';

/**
 * The median — wasmlab's one definition: the middle value, or the mean of the two middle values
 * for an even count; null when empty. Sorts a Float64Array copy (numeric order, fast).
 */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const s = Float64Array.from(values as ArrayLike<number>).sort();
  const m = n >> 1;
  return n % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function aggregate(values: number[], how: Agg): number | null {
  if (how === 'count') return values.length;
  if (values.length === 0) return null;
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'median':
      return median(values);
  }
}
