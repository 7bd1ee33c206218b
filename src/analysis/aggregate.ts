/** Combining repeated values (reps) into one: the aggregations tables and plots offer. */
export type Agg = 'median' | 'mean' | 'min' | 'max' | 'sum' | 'count';

/**
 * The median — wasmlab's one definition: the middle value, or the mean of the two middle values
 * for an even count; null when empty. Small inputs: a sorted Float64Array copy; large ones
 * (e.g. the m·n differences of a Hodges–Lehmann estimate): Hoare's selection (quickselect,
 * CACM Algorithm 65, 1961), the same value in linear expected time. `sorted`: the caller's values
 * are already in ascending order (analysis groups keep them so): no copy.
 */
export function median(values: ArrayLike<number>, sorted = false): number | null {
  const n = values.length;
  if (n === 0) return null;
  if (sorted) { const m = n >> 1; return n % 2 ? values[m]! : (values[m - 1]! + values[m]!) / 2; }
  const s = Float64Array.from(values as ArrayLike<number>);
  const m = n >> 1;
  if (n <= 256) {
    s.sort();
    return n % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }
  const hi = select(s, m);
  if (n % 2) return hi;
  let lo = -Infinity; // the largest value left of position m after selection
  for (let i = 0; i < m; i++) if (s[i]! > lo) lo = s[i]!;
  return (lo + hi) / 2;
}

/** Rearranges `a` so a[k] is its k-th smallest value (0-based), smaller ones before it; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let l = 0, r = a.length - 1;
  while (r > l) {
    const pivot = a[(l + r) >> 1]!;
    let i = l, j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) r = j; else if (k >= i) l = i; else break;
  }
  return a[k]!;
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
