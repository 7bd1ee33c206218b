/**
 * Box plots of the reps with every rep shown as a point (box + strip): x = benchmark, one box
 * per target, log axis. Failed and invalid rows are left out (analysis' rules: collect()).
 */
import type { Row } from '../analysis/rows.js';
import { collect } from '../analysis/summarize.js';
import { Figure, layoutOf } from './figure.js';

export function repsFigure(rows: readonly Row[], o: { metric?: string; title?: string } = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const byTarget = new Map<string, { x: string[]; y: number[]; n: number[] }>();
  for (const g of collect(rows, metric)) {
    if (!g.values.length) continue;
    const t = byTarget.get(g.id.target) ?? { x: [], y: [], n: [] };
    byTarget.set(g.id.target, t);
    for (const v of g.values) { t.x.push(g.id.benchmark); t.y.push(v); t.n.push(g.values.length); }
  }
  // Hover: x is the benchmark and the trace name the target; customdata carries n.
  const data = [...byTarget].map(([t, p]) => ({
    type: 'box', name: t, x: p.x, y: p.y, boxpoints: 'all', jitter: 0.4, pointpos: 0, customdata: p.n,
    hovertemplate: `benchmark: %{x}<br>target: ${t.replace(/%/g, '%%')}<br>n: %{customdata}<br>${metric}: %{y:.4g} s<extra></extra>`,
  }));
  return new Figure(data, layoutOf({
    title: o.title ?? `${metric} of every rep (box and points)`, xTitle: 'benchmark', yTitle: `${metric} (s, log)`, logY: true, boxmode: 'group', legend: 'target',
  }));
}
