/** Combining repeated values (reps) into one: the aggregations tables and plots offer. */
export type Agg = 'median' | 'mean' | 'min' | 'max' | 'sum' | 'count';

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
    case 'median': {
      const s = [...values].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
  }
}
