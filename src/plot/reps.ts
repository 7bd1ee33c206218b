/**
 * Box plots of the reps with every rep shown as a point (box + strip): x = benchmark, one box
 * per target, log axis. Failed and invalid rows are left out (analysis' rules, rows.ts).
 */
import type { Row } from '../analysis/rows.js';
import { targetLabel } from '../record.js';
import { distinct, Figure, layoutOf } from './figure.js';

export function repsFigure(rows: readonly Row[], o: { metric?: string; title?: string } = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const ok: { v: number; t: string; b: string }[] = [];
  for (const r of rows) {
    const v = r.status === 'ok' ? r[metric] : null; // the usable values of rows.ts' valueOf: ok, finite, > 0
    if (typeof v === 'number' && v > 0 && v < Infinity) ok.push({ v, t: targetLabel(r), b: String(r.benchmark) });
  }
  const n = new Map<string, number>();
  for (const p of ok) n.set(`${p.b}\u0000${p.t}`, (n.get(`${p.b}\u0000${p.t}`) ?? 0) + 1);
  const byTarget = new Map<string, typeof ok>();
  for (const p of ok) if (!byTarget.has(p.t)) byTarget.set(p.t, []);
  for (const p of ok) byTarget.get(p.t)!.push(p);
  // Hover: x is the benchmark and the trace name the target; customdata carries n and the rep.
  const data = [...byTarget].map(([t, pts]) => ({
    type: 'box', name: t, x: pts.map((p) => p.b), y: pts.map((p) => p.v), boxpoints: 'all', jitter: 0.4, pointpos: 0,
    customdata: pts.map((p) => n.get(`${p.b}\u0000${t}`)!),
    hovertemplate: `benchmark: %{x}<br>target: ${t.replace(/%/g, '%%')}<br>n: %{customdata}<br>${metric}: %{y:.4g} s<extra></extra>`,
  }));
  return new Figure(data, layoutOf({
    title: o.title ?? `${metric} of every rep (box and points)`, xTitle: 'benchmark', yTitle: `${metric} (s, log)`, logY: true, boxmode: 'group', legend: 'target',
  }));
}
