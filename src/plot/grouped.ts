/**
 * Grouped bars. `ratioBarsFigure`: per-benchmark ratios (compare rows), one bar per subject,
 * 95% CI error bars. `tiersFigure`: geomeans grouped by runtime, one bar series per tier (the
 * mode, with `+aot` variants as their own series), so JIT tiers and AOT sit side by side.
 * Ratios on a log axis with a line at 1×.
 */
import type { RatioRow } from '../analysis/compare.js';
import type { GeomeanRow } from '../analysis/geomeans.js';
import { ciText, distinct, errorBars, Figure, hoverOf, layoutOf } from './figure.js';

export function ratioBarsFigure(rows: readonly RatioRow[], o: { title?: string; metric?: string } = {}): Figure {
  const xs = distinct(rows.map((r) => r.benchmark));
  const baseline = distinct(rows.map((r) => r.baseline)).join(' / ');
  const data = distinct(rows.map((r) => r.subject)).map((s) => {
    const pts = xs.map((b) => rows.find((r) => r.subject === s && r.benchmark === b) ?? null);
    const y = pts.map((p) => p?.ratio ?? null);
    return {
      type: 'bar', name: s, x: xs, y,
      error_y: errorBars(y, pts.map((p) => p?.ci_low ?? null), pts.map((p) => p?.ci_high ?? null)),
      ...hoverOf(pts.map((p, i) => ({ benchmark: xs[i]!, target: s, n: p ? `${p.n} (baseline ${p.baseline_n})` : 0, extra: p ? ciText(p.ratio, p.ci_low, p.ci_high) : 'missing' })), `× ${baseline}: `),
    };
  });
  return new Figure(data, layoutOf({
    title: o.title ?? `${o.metric ?? 'kernel_s'} ratio over ${baseline} per benchmark (median; 95% CI)`,
    xTitle: 'benchmark', yTitle: `× ${baseline} (log)`, logY: true, hline: 1, barmode: 'group', legend: 'target',
  }));
}

export function tiersFigure(g: readonly GeomeanRow[], o: { title?: string } = {}): Figure {
  const runtimeOf = (s: string) => s.split(':')[0]!.split('+')[0]!;
  const tierOf = (s: string) => (s.includes(':') ? s.slice(s.indexOf(':') + 1) : s.includes('+aot') ? 'aot' : 'default');
  const xs = distinct(g.map((x) => runtimeOf(x.subject)));
  const baseline = distinct(g.map((x) => x.baseline)).join(' / ');
  const data = distinct(g.map((x) => tierOf(x.subject))).map((tier) => {
    const pts = xs.map((rt) => g.find((x) => runtimeOf(x.subject) === rt && tierOf(x.subject) === tier) ?? null);
    const y = pts.map((p) => p?.geomean ?? null);
    return {
      type: 'bar', name: tier, x: xs, y,
      error_y: errorBars(y, pts.map((p) => p?.ci_low ?? null), pts.map((p) => p?.ci_high ?? null)),
      ...hoverOf(pts.map((p, i) => ({ benchmark: p ? `geomean of ${p.benchmarks}` : '', target: p?.subject ?? `${xs[i]}:${tier}`, n: p?.benchmarks ?? 0, extra: p ? ciText(p.geomean, p.ci_low, p.ci_high) : 'missing' })), `× ${baseline}: `),
    };
  });
  return new Figure(data, layoutOf({
    title: o.title ?? `Tiers and AOT vs JIT: geomean ratio over ${baseline} (95% CI)`,
    xTitle: 'runtime', yTitle: `× ${baseline} (geomean, log)`, logY: true, hline: 1, barmode: 'group', legend: 'tier',
  }));
}
