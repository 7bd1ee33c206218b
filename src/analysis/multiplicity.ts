/**
 * Adjusted p-values for many tests at once, as R's `p.adjust` computes them:
 * - Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 6, 1979:
 *   controls the family-wise error rate; for claims that name members ("k of n significantly
 *   slower: A, B, …"). Sorted ascending, p̃(i) = max over j ≤ i of min(1, (n − j + 1)·p(j)).
 * - Benjamini & Hochberg, "Controlling the false discovery rate", JRSS B 57(1), 1995: controls
 *   the expected share of false labels; for per-benchmark labels in tables (q-values). Sorted
 *   ascending, q(i) = min over j ≥ i of min(1, n·p(j)/j).
 * Nulls (tests that could not be made) stay null and do not count in n.
 */

function adjust(ps: readonly (number | null)[], f: (sortedP: number[]) => number[]): (number | null)[] {
  const idx = ps.map((p, i) => [p, i] as const).filter((x): x is readonly [number, number] => x[0] !== null && Number.isFinite(x[0]));
  idx.sort((a, b) => a[0] - b[0]);
  const adj = f(idx.map((x) => x[0]));
  const out: (number | null)[] = ps.map(() => null);
  idx.forEach(([, i], k) => { out[i] = adj[k]!; });
  return out;
}

/** Holm's step-down adjusted p-values. */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  return adjust(ps, (p) => {
    const n = p.length;
    let run = 0;
    return p.map((x, i) => (run = Math.max(run, Math.min(1, (n - i) * x))));
  });
}

/** Benjamini–Hochberg step-up adjusted p-values (q-values). */
export function benjaminiHochberg(ps: readonly (number | null)[]): (number | null)[] {
  return adjust(ps, (p) => {
    const n = p.length;
    const q = new Array<number>(n);
    let run = 1;
    for (let i = n - 1; i >= 0; i--) q[i] = run = Math.min(run, Math.min(1, (n * p[i]!) / (i + 1)));
    return q;
  });
}
