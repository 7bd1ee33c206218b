/**
 * Box plots of the reps with every rep shown as a point (box + strip): x = benchmark, one box
 * per target, log axis. Failed and invalid rows are left out (analysis' rules, rows.ts).
 */
import { valueOf, type Row } from '../analysis/rows.js';
import { targetLabel } from '../record.js';
import { distinct, Figure, hoverOf, layoutOf } from './figure.js';

export function repsFigure(rows: readonly Row[], o: { metric?: string; title?: string } = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const ok = rows.flatMap((r) => { const v = valueOf(r, metric); return 'value' in v ? [{ r, v: v.value, t: targetLabel(r), b: String(r.benchmark) }] : []; });
  const n = new Map<string, number>();
  for (const p of ok) n.set(`${p.b}\u0000${p.t}`, (n.get(`${p.b}\u0000${p.t}`) ?? 0) + 1);
  const data = distinct(ok.map((p) => p.t)).map((t) => {
    const pts = ok.filter((p) => p.t === t);
    return {
      type: 'box', name: t, x: pts.map((p) => p.b), y: pts.map((p) => p.v), boxpoints: 'all', jitter: 0.4, pointpos: 0,
      ...hoverOf(pts.map((p) => ({ benchmark: p.b, target: t, n: n.get(`${p.b}\u0000${t}`)!, extra: `, rep ${String(p.r.rep ?? '')}` })), `${metric}: %{y:.4g} s`),
    };
  });
  return new Figure(data, layoutOf({
    title: o.title ?? `${metric} of every rep (box and points)`, xTitle: 'benchmark', yTitle: `${metric} (s, log)`, logY: true, boxmode: 'group', legend: 'target',
  }));
}
